#pragma once
// The addresses phones can reach this laptop at, for the URLs `serve` and `links` print.

#include <string>
#include <vector>

namespace worldcafe::server {

// IPv4 addresses of interfaces that are up, in interface order; loopback only when `includeLoopback`.
std::vector<std::string> usableAddresses(bool includeLoopback = false);

}  // namespace worldcafe::server
