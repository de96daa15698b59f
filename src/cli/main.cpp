#include <iostream>

#include "cli/cli.hpp"
#include "core/crash_report.hpp"

int main(int argc, char** argv) {
    kaiku::core::install_crash_report("kaikuctl");
    return kaiku::cli::run(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
