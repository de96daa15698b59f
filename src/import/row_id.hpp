// Deterministic ids for imported rows: the same row of the same file always gets the same id, so a
// repeated import is recognised locally and deduplicated by the register.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kaiku::import {

std::array<std::uint8_t, 20> sha1(std::string_view data);

// A name-based UUID (version 5, SHA-1) of `name` in the import namespace; lower-case canonical text.
std::string name_uuid(std::string_view name);

}  // namespace kaiku::import
