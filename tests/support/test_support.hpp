#pragma once
// Shared by the tests: scratch folders, file helpers and running the real binary.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace worldcafe::test {

// What several test files name: one definition here, so that they can be compiled together (CMake's unity build).
inline const std::filesystem::path kSourceDir = WORLDCAFE_SOURCE_DIR;
inline const std::filesystem::path kI18nDir = kSourceDir / "assets" / "i18n";
inline const std::filesystem::path kSessions = kSourceDir / "sessions";
// 김민수 as a Mac writes it (NFD: conjoining jamo).
inline const std::string kKimMinsuNfd = "\u1100\u1175\u11B7\u1106\u1175\u11AB\u1109\u116E";
inline constexpr std::int64_t kMinute = 60'000;

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "worldcafe-test-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) std::abort();
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code error;
        std::filesystem::remove_all(m_path, error);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

inline std::string readBytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

inline void writeBytes(const std::filesystem::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
}

struct CommandResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Runs the worldcafe binary with `arguments`, capturing stdout and stderr (through files: no pipe deadlocks).
inline CommandResult runWorldcafe(const std::vector<std::string>& arguments, const std::filesystem::path& workDir) {
    std::filesystem::path outFile = workDir / ".stdout";
    std::filesystem::path errFile = workDir / ".stderr";
    // Otherwise the child's freopen() writes out what the parent had buffered.
    std::fflush(stdout);
    std::fflush(stderr);
    pid_t pid = ::fork();
    if (pid == 0) {
        FILE* out = std::freopen(outFile.c_str(), "w", stdout);
        FILE* err = std::freopen(errFile.c_str(), "w", stderr);
        if (!out || !err || ::chdir(workDir.c_str()) != 0) ::_exit(127);
        std::vector<char*> argv;
        std::string binary = WORLDCAFE_BINARY;
        argv.push_back(binary.data());
        std::vector<std::string> copies = arguments;
        for (std::string& argument : copies) argv.push_back(argument.data());
        argv.push_back(nullptr);
        ::execv(binary.c_str(), argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    CommandResult result;
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = readBytes(outFile);
    result.err = readBytes(errFile);
    std::filesystem::remove(outFile);
    std::filesystem::remove(errFile);
    return result;
}

}  // namespace worldcafe::test
