// JSON representation of the register's entities on the wire (API v1). Shared by client and server.
// from_json functions never throw: they return errors naming the JSON field and the problem.
#pragma once

#include <nlohmann/json.hpp>

#include "core/entities.hpp"
#include "core/errors.hpp"

namespace kaiku::net {

using nlohmann::json;

json to_json(const core::Area&);
json to_json(const core::Organisation&);
json to_json(const core::Site&);
json to_json(const core::VenueProfile&);

core::Errors from_json(const json&, core::Area&);
core::Errors from_json(const json&, core::Organisation&);
core::Errors from_json(const json&, core::Site&);
core::Errors from_json(const json&, core::VenueProfile&);

// RFC 9457 problem document.
json problem(int status, const std::string& type_slug, const std::string& title, const std::string& detail = {},
             const core::Errors& errors = {});

}  // namespace kaiku::net
