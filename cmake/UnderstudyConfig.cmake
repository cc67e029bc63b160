# understudy_config: the compile options every target of the project shares.
add_library(understudy_config INTERFACE)
add_library(Understudy::Config ALIAS understudy_config)

target_compile_features(understudy_config INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_definitions(understudy_config INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    # Qt 6.4 spells the deprecation cut-off QT_DISABLE_DEPRECATED_BEFORE (UP_TO arrived in 6.5).
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    UNDERSTUDY_VERSION="${PROJECT_VERSION}")

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(understudy_config INTERFACE
        -Wall -Wextra -Wpedantic
        -Wnon-virtual-dtor -Woverloaded-virtual -Wcast-align
        -Wimplicit-fallthrough -Wmissing-declarations -Wundef
        $<$<BOOL:${UNDERSTUDY_WERROR}>:-Werror>)
endif()

# Place every executable in one folder so tests and scripts find them.
set(CMAKE_RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/bin")
