#include "command_line.hpp"

int main(int argc, char** argv) { return worldcafe::cli::run(argc, argv); }
