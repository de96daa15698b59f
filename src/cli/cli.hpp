// kaikuctl: the headless command line over the same libraries as the GUI.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace kaiku::cli {

// Runs one command line (without the program name). Returns the exit status:
// 0 success, 1 runtime failure (server down, bad file), 2 usage error.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

std::string usage();

}  // namespace kaiku::cli
