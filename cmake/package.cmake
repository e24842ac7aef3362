# `cpack -G DEB` (scripts/package): a Debian package of what `cmake --install` puts under
# the prefix — the binary, share/blockify, the menu entry, icons, metainfo, man page and
# bash completion. Nothing from the build tree: tests and benchmarks have no install rules.
set(BLOCKIFY_PACKAGE_MAINTAINER "Blockify Desktop developers <blockify-desktop@example.org>"
    CACHE STRING "The Maintainer field of the .deb")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME blockify)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Blockify Desktop")
set(CPACK_PACKAGE_CONTACT ${BLOCKIFY_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "turn documents into IdeaBlocks and manage the jobs that do it")
set(CPACK_PACKAGE_DESCRIPTION
    "Blockify Desktop turns documents (text, Markdown, CSV, JSON, HTML, Word, PowerPoint, PDF, ZIP) into a knowledge dataset of IdeaBlocks and manages the jobs that do it: failures explained per file, retry with one click, datasets exported to XML, JSONL or Markdown. Includes a command line for scripts.")
set(CPACK_PACKAGE_FILE_NAME "blockify_${PROJECT_VERSION}")
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/package)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # blockify_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${BLOCKIFY_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries' packages come from dpkg-shlibdeps; the fonts are read at run time.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")
# xdg-open for Help → About's buttons; zenity for the native "Add files…" dialog.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "xdg-utils")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "zenity")

include(CPack)
