# Sanitizer and fuzzing builds (clang), for every target of the tree:
#   -DKAIKU_SANITIZE="address;undefined"   AddressSanitizer + UndefinedBehaviorSanitizer (build-san)
#   -DKAIKU_SANITIZE=thread                ThreadSanitizer (build-tsan)
#   -DKAIKU_FUZZ=ON                        libFuzzer targets in tests/fuzz (with address;undefined); the libraries
#                                          get coverage instrumentation (fuzzer-no-link) so their objects are shared
# See CMakePresets.json (presets "san" and "tsan") and README.md.
set(KAIKU_SANITIZE "" CACHE STRING "Sanitizers for every target: \"address;undefined\" or \"thread\"")
option(KAIKU_FUZZ "Build the libFuzzer targets of tests/fuzz (clang only)" OFF)

if(KAIKU_SANITIZE)
  if("thread" IN_LIST KAIKU_SANITIZE AND "address" IN_LIST KAIKU_SANITIZE)
    message(FATAL_ERROR "KAIKU_SANITIZE: thread and address cannot be combined")
  endif()
  list(JOIN KAIKU_SANITIZE "," kaiku_sanitizers)
  add_compile_options(-fsanitize=${kaiku_sanitizers} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${kaiku_sanitizers})
  if("undefined" IN_LIST KAIKU_SANITIZE)
    # Any undefined behaviour stops the program, so a test notices it.
    add_compile_options(-fno-sanitize-recover=undefined
                        -fsanitize-ignorelist=${CMAKE_CURRENT_LIST_DIR}/ubsan-ignorelist.txt)
  endif()
endif()

if(KAIKU_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "KAIKU_FUZZ needs clang (e.g. -DCMAKE_CXX_COMPILER=clang++-14)")
  endif()
  if(NOT "address" IN_LIST KAIKU_SANITIZE)
    message(WARNING "KAIKU_FUZZ without KAIKU_SANITIZE=address;undefined finds crashes only")
  endif()
  # Coverage counters in every object; only the fuzz executables link the libFuzzer driver (-fsanitize=fuzzer).
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
