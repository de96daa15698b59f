// UUIDv7 (time-ordered) identifiers generated on the client.
#pragma once

#include <string>

namespace kaiku::core {

std::string new_uuid();  // lower-case canonical text form
bool is_uuid(const std::string&);

}  // namespace kaiku::core
