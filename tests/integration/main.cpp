// Integration tests run once per server database: --backend=sqlite (default) or --backend=postgres.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstring>
#include <vector>

#include "support/test_database.hpp"

int main(int argc, char** argv) {
    std::vector<char*> rest;
    for (int i = 0; i < argc; ++i) {
        if (std::strncmp(argv[i], "--backend=", 10) == 0)
            kaiku::test::backend() = argv[i] + 10;
        else
            rest.push_back(argv[i]);
    }
    doctest::Context ctx(static_cast<int>(rest.size()), rest.data());
    return ctx.run();
}
