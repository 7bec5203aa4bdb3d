# Benchmarks of the window and the export (issue 6; docs/PERFORMANCE.md): each
# prints what it measured, a baseline measured in the same run and the ratio.
# Built with the tests; not run by ctest except a seconds-long smoke run of each
# (label "bench") that only checks it still works.
foreach(tool bench_timeline_filter bench_timeline_scroll bench_export_markdown bench_startup
    bench_memory)
    add_executable(${tool} ${CMAKE_CURRENT_LIST_DIR}/${tool}.cpp)
    target_link_libraries(${tool} PRIVATE benchsupport views storage models Qt6::Widgets)
endforeach()

set(gui_smoke_dir ${CMAKE_CURRENT_BINARY_DIR}/smoke-gui)
file(MAKE_DIRECTORY ${gui_smoke_dir})
add_test(NAME bench_smoke_timeline_filter COMMAND bench_timeline_filter 2000 1 ${gui_smoke_dir})
add_test(NAME bench_smoke_timeline_scroll COMMAND bench_timeline_scroll 3000 8 ${gui_smoke_dir})
add_test(NAME bench_smoke_export_markdown COMMAND bench_export_markdown 500 2 ${gui_smoke_dir})
add_test(NAME bench_smoke_startup
    COMMAND bench_startup 50 1 ${gui_smoke_dir}/startup.sqlite3)
add_test(NAME bench_smoke_memory
    COMMAND bench_memory ${gui_smoke_dir}/memory.sqlite3 2000 4000)
set_tests_properties(bench_smoke_timeline_filter bench_smoke_timeline_scroll
    bench_smoke_export_markdown bench_smoke_startup
    bench_smoke_memory PROPERTIES LABELS bench TIMEOUT 120
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
