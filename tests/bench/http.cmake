# The HTTP client's concurrency benchmark (issue 5): built with the tests, never run by
# ctest. Uses the local test server from tests/integrations.
if(TARGET httptestserver) # defined in tests/integrations, added before bench
    add_executable(bench_http_concurrency ${CMAKE_CURRENT_LIST_DIR}/bench_http_concurrency.cpp)
    target_link_libraries(bench_http_concurrency PRIVATE integrations models httptestserver)
endif()

# Diagnostic queries through HttpDiagnosticSource, one after another and all at once
# (issue 5). Its own small delayed server needs QtNetwork, like the test server.
find_package(Qt6 REQUIRED COMPONENTS Network)
add_executable(bench_diagnostic_queries ${CMAKE_CURRENT_LIST_DIR}/bench_diagnostic_queries.cpp)
target_link_libraries(bench_diagnostic_queries PRIVATE integrations models Qt6::Network)
