# The HTTP client's concurrency benchmark (issue 5): built with the tests, never run by
# ctest. Uses the local test server from tests/integrations.
if(TARGET httptestserver) # defined in tests/integrations, added before bench
    add_executable(bench_http_concurrency ${CMAKE_CURRENT_LIST_DIR}/bench_http_concurrency.cpp)
    target_link_libraries(bench_http_concurrency PRIVATE integrations models httptestserver)
endif()
