// A hardware host that dies at once, like one whose native addon segfaults on load.
process.exit(70);
