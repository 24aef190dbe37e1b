# The native libraries trawl links, all from Debian's packages (see the
# Makefile's DEBIAN_PACKAGES). Included by the build and by trawlConfig.cmake,
# so a project using find_package(trawl) resolves the same targets.
include(CMakeFindDependencyMacro)
find_dependency(absl CONFIG)
find_dependency(simdjson CONFIG)
find_dependency(zstd CONFIG)
find_dependency(ZLIB)
find_dependency(Threads)

function(_trawl_import_library target header library)
  if(TARGET ${target})
    return()
  endif()
  find_path(_inc_${library} ${header})
  find_library(_lib_${library} ${library})
  if(NOT _inc_${library} OR NOT _lib_${library})
    message(FATAL_ERROR "trawl needs ${library} (${header}); run `make deps`")
  endif()
  add_library(${target} UNKNOWN IMPORTED)
  set_target_properties(${target} PROPERTIES
      IMPORTED_LOCATION ${_lib_${library}}
      INTERFACE_INCLUDE_DIRECTORIES ${_inc_${library}})
endfunction()

_trawl_import_library(trawl_dep::utf8proc utf8proc.h utf8proc)
_trawl_import_library(trawl_dep::stemmer libstemmer.h stemmer)
_trawl_import_library(trawl_dep::xxhash xxhash.h xxhash)
_trawl_import_library(trawl_dep::lz4 lz4.h lz4)
# Debian's RE2 (20220601) ships neither a CMake config nor a dependency
# beyond threads.
_trawl_import_library(trawl_dep::re2 re2/re2.h re2)

if(TARGET zstd::libzstd_shared)
  set(TRAWL_ZSTD_TARGET zstd::libzstd_shared)
else()
  set(TRAWL_ZSTD_TARGET zstd::libzstd_static)
endif()
