# Storage benchmarks (docs/PERFORMANCE.md) and the large-database generator.
# Each benchmark prints what it measured, a baseline measured in the same run and
# the ratio. Not run by ctest except a seconds-long smoke run of each (label
# "bench") that keeps them working; for real numbers use a Release build:
#   cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release
#   cmake --build build/release && build/release/tests/bench/bench_append
add_library(benchsupport STATIC ${CMAKE_CURRENT_LIST_DIR}/benchsupport.cpp
    ${CMAKE_CURRENT_LIST_DIR}/benchsupport.h)
target_include_directories(benchsupport PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(benchsupport PUBLIC storage models Qt6::Core PkgConfig::SQLite3)

foreach(tool generate_database bench_append bench_import bench_timeline_page bench_search)
    add_executable(${tool} ${CMAKE_CURRENT_LIST_DIR}/${tool}.cpp)
    target_link_libraries(${tool} PRIVATE benchsupport)
endforeach()

# Smoke runs with tiny sizes: they check the benchmarks still run, not speed.
set(smoke_dir ${CMAKE_CURRENT_BINARY_DIR}/smoke)
file(MAKE_DIRECTORY ${smoke_dir})
add_test(NAME bench_smoke_append COMMAND bench_append 20 ${smoke_dir})
add_test(NAME bench_smoke_import COMMAND bench_import 2000 1 ${smoke_dir})
add_test(NAME bench_smoke_timeline_page COMMAND bench_timeline_page 1000 3 ${smoke_dir})
add_test(NAME bench_smoke_search COMMAND bench_search 2000 ${smoke_dir}/search.sqlite3 2)
set_tests_properties(bench_smoke_append bench_smoke_import bench_smoke_timeline_page
    bench_smoke_search PROPERTIES LABELS bench TIMEOUT 120)
