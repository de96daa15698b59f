#include "import/row_id.hpp"

#include <vector>

namespace kaiku::import {

namespace {

std::uint32_t rotl(std::uint32_t x, int n) {
    return (x << n) | (x >> (32 - n));
}

// The import namespace: a fixed random UUID (c2a1e4c8-5b0f-4d7e-9a63-1f2e8b7d4c90).
constexpr std::uint8_t kNamespace[16] = {0xc2, 0xa1, 0xe4, 0xc8, 0x5b, 0x0f, 0x4d, 0x7e,
                                         0x9a, 0x63, 0x1f, 0x2e, 0x8b, 0x7d, 0x4c, 0x90};

}  // namespace

std::array<std::uint8_t, 20> sha1(std::string_view data) {
    std::uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    std::vector<std::uint8_t> msg(data.begin(), data.end());
    const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
    msg.push_back(0x80);
    while (msg.size() % 64 != 56) msg.push_back(0);
    for (int i = 7; i >= 0; --i) msg.push_back(static_cast<std::uint8_t>(bits >> (8 * i)));
    std::uint32_t w[80];
    for (std::size_t block = 0; block < msg.size(); block += 64) {
        for (int i = 0; i < 16; ++i)
            w[i] = std::uint32_t(msg[block + 4 * i]) << 24 | std::uint32_t(msg[block + 4 * i + 1]) << 16 |
                   std::uint32_t(msg[block + 4 * i + 2]) << 8 | std::uint32_t(msg[block + 4 * i + 3]);
        for (int i = 16; i < 80; ++i) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; ++i) {
            std::uint32_t f, k;
            if (i < 20)
                f = (b & c) | (~b & d), k = 0x5A827999;
            else if (i < 40)
                f = b ^ c ^ d, k = 0x6ED9EBA1;
            else if (i < 60)
                f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
            else
                f = b ^ c ^ d, k = 0xCA62C1D6;
            const std::uint32_t t = rotl(a, 5) + f + e + k + w[i];
            e = d;
            d = c;
            c = rotl(b, 30);
            b = a;
            a = t;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
    }
    std::array<std::uint8_t, 20> out{};
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 4; ++j) out[4 * i + j] = static_cast<std::uint8_t>(h[i] >> (24 - 8 * j));
    return out;
}

std::string name_uuid(std::string_view name) {
    std::string input(reinterpret_cast<const char*>(kNamespace), sizeof kNamespace);
    input.append(name);
    auto d = sha1(input);
    d[6] = static_cast<std::uint8_t>(0x50 | (d[6] & 0x0F));  // version 5
    d[8] = static_cast<std::uint8_t>(0x80 | (d[8] & 0x3F));  // RFC 9562 variant
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s;
    s.reserve(36);
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
        s += kHex[d[i] >> 4];
        s += kHex[d[i] & 0x0F];
    }
    return s;
}

}  // namespace kaiku::import
