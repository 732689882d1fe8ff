# The deterministic sample-mail generator (tests/support/mailgen.py) and its unit tests.
# Included by tests/support/CMakeLists.txt, which finds THREADLINE_PYTHON3 (Debian's /usr/bin/python3).
#
# Other tests, benchmarks and the demo run the generator through these two cache variables:
#   ${THREADLINE_PYTHON3} ${THREADLINE_MAILGEN} --seed 1 --count 400 --maildir DIR --manifest M.json --cards C.json
set(THREADLINE_MAILGEN ${CMAKE_CURRENT_LIST_DIR}/mailgen.py CACHE INTERNAL "Sample-mail generator script")
set(THREADLINE_MAILGEN_DEFAULT_COUNT 400 CACHE INTERNAL "Messages in the default sample mailbox")

set(_mailgen_test_script ${PROJECT_SOURCE_DIR}/tests/unit/mailgen/test_mailgen.py)
# One ctest test per test method, so a failure names what broke; each runs in a few seconds.
foreach(_case
        determinism:test_determinism
        parses:test_every_file_parses
        counts:test_counts_match_files
        encodings:test_encodings_present
        dates:test_dates_and_order
        recipient_limit:test_recipient_limit
        bounces:test_bounces_are_rfc3464
        threads:test_threads
        cards:test_cards
        small:test_small_and_cards_only)
    string(REPLACE ":" ";" _parts ${_case})
    list(GET _parts 0 _name)
    list(GET _parts 1 _method)
    add_test(NAME mailgen_${_name}
             COMMAND ${THREADLINE_PYTHON3} ${_mailgen_test_script} MailgenTest.${_method})
    set_tests_properties(mailgen_${_name} PROPERTIES
        LABELS unit
        TIMEOUT 60
        ENVIRONMENT "MAILGEN=${THREADLINE_MAILGEN};PYTHONDONTWRITEBYTECODE=1")
endforeach()
