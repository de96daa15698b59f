#include "core/errors.hpp"

namespace kaiku::core {

std::string to_string(const Errors& errors) {
    std::string out;
    for (const auto& e : errors) {
        if (!out.empty()) out += "; ";
        out += e.field;
        out += ": ";
        out += e.message;
    }
    return out;
}

}  // namespace kaiku::core
