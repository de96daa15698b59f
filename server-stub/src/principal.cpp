#include "principal.hpp"

namespace kaiku::server {

std::vector<std::string> Principal::buckets(const std::vector<std::string>& all_area_ids) const {
    std::vector<std::string> out = {"global"};
    if (national()) {
        for (const auto& a : all_area_ids) out.push_back("area:" + a);
    } else if (coordinator()) {
        out.push_back("area:" + area_id);
    } else {
        for (const auto& s : sites) out.push_back("site:" + s);
    }
    return out;
}

}  // namespace kaiku::server
