// JSON representation of the register's entities on the wire (API v1). Shared by client and server.
// from_json functions never throw: they return errors naming the JSON field and the problem.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/entities.hpp"
#include "core/errors.hpp"

namespace kaiku::net {

using nlohmann::json;

json to_json(const core::Area&);
json to_json(const core::Organisation&);
json to_json(const core::Site&);
json to_json(const core::VenueProfile&);

json to_json(const core::CardBatch&);
json to_json(const core::Allocation&);
json to_json(const core::HolderProfile&);
json to_json(const core::Card&, bool with_holder = true);
json to_json(const core::Usage&);
json to_json(const core::Rule&);
json to_json(const core::Quota&);
json to_json(const core::QuotaAdjustment&);
json to_json(const core::Message&);
json to_json(const core::GroupVisit&);
json to_json(const core::GroupSignup&);
json to_json(const core::User&);
json to_json(const core::Conflict&);

core::Errors from_json(const json&, core::Area&);
core::Errors from_json(const json&, core::CardBatch&);
core::Errors from_json(const json&, core::Allocation&);
core::Errors from_json(const json&, core::HolderProfile&, const std::string& prefix = "holder");
core::Errors from_json(const json&, core::Card&);
core::Errors from_json(const json&, core::Usage&);
core::Errors from_json(const json&, core::Rule&);
core::Errors from_json(const json&, core::Quota&);
core::Errors from_json(const json&, core::QuotaAdjustment&);
core::Errors from_json(const json&, core::Message&);
core::Errors from_json(const json&, core::GroupVisit&);
core::Errors from_json(const json&, core::GroupSignup&);
core::Errors from_json(const json&, core::User&);
core::Errors from_json(const json&, core::Conflict&);

// Field readers for command bodies: collect errors naming the JSON field instead of throwing.
class JsonReader {
public:
    JsonReader(const json& j, core::Errors& errors, std::string prefix = {});
    void text(const char* key, std::string& out, bool required = false);
    void integer(const char* key, int& out, bool required = false);
    void opt_integer(const char* key, std::optional<int>& out);
    void date(const char* key, std::optional<core::Date>& out, bool required = false);
    void date(const char* key, core::Date& out, bool required = true);
    template <class E>
    void name(const char* key, E& out, bool required = false) {
        const json* v = find(key, required);
        if (!v) return;
        if (v->is_string())
            if (auto e = core::enum_parse<E>(v->get<std::string>())) {
                out = *e;
                return;
            }
        std::string allowed;
        for (auto n : core::EnumNames<E>::names) allowed += (allowed.empty() ? "" : ", ") + std::string(n);
        fail(key, "invalid_value", "must be one of: " + allowed);
    }
    const json* find(const char* key, bool required);
    void fail(const std::string& key, const std::string& code, const std::string& what);
    // Names every member of the object that is not in `known` as an error (unknown fields are refused).
    void only(std::initializer_list<const char*> known);

private:
    const json& j_;
    core::Errors& errors_;
    std::string prefix_;
};
core::Errors from_json(const json&, core::Organisation&);
core::Errors from_json(const json&, core::Site&);
core::Errors from_json(const json&, core::VenueProfile&);

// Sites in the flat form that patches use: contact_name, contact_email, contact_phone instead of `contact`.
json to_flat_json(const core::Site&);
// Sets flat fields (contact_* into the contact object) on a site's nested JSON.
void apply_flat_fields(json& site, const json& flat_fields);

// Nesting deeper than this is refused before anything is built: no document of the register comes near it, and a
// deep one would exhaust the stack when copied, dumped or destroyed.
constexpr int kMaxJsonDepth = 32;

// Parses JSON text; a value that is not valid JSON, or nests objects and arrays deeper than `max_depth`, comes back
// discarded (`is_discarded()`). Never throws. Every document from the network or the disk goes through here.
json parse_json(std::string_view text, int max_depth = kMaxJsonDepth);
// The deepest nesting of objects and arrays in `text`, counting only up to `limit + 1` (strings are skipped).
int json_depth(std::string_view text, int limit = kMaxJsonDepth);

// Removes the holder profile from a copy of register data kept for people to read (the audit log): every
// "holder" object, and beside it the card's "children", at any depth. `entity` names what `j` is a copy of;
// a conflict record about a card loses them from both its server and client copies.
void redact_holder(json& j, const std::string& entity = {});

// RFC 9457 problem document.
json problem(int status, const std::string& type_slug, const std::string& title, const std::string& detail = {},
             const core::Errors& errors = {});

}  // namespace kaiku::net
