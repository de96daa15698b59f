// Handlers by mutation type; each domain file adds its own.
#pragma once

#include <map>
#include <string>

#include "command_context.hpp"

namespace kaiku::server {

using Handler = void (*)(CommandContext&);
using HandlerMap = std::map<std::string, Handler>;

void add_network_commands(HandlerMap&);  // areas, organisations, sites, venue profiles
void add_card_commands(HandlerMap&);     // card stock, cards, uses
void add_rule_commands(HandlerMap&);     // rules, quotas and adjustments
void add_message_commands(HandlerMap&);  // messages, read receipts, group visits
void add_account_commands(HandlerMap&);  // users, grants, devices
void add_conflict_commands(HandlerMap&); // deciding conflicts

// Shared by the site and conflict commands.
bool is_site_patch_field(const std::string& name);
void apply_site_set(CommandContext&, const core::Site& before, const json& set);

}  // namespace kaiku::server
