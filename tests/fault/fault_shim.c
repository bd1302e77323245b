// An LD_PRELOAD shim that makes one system call fail, for the fault-injection test (tests/test_fault_injection.cpp).
//
//   WORLDCAFE_FAULT=OP:N:ERRNO    fail the Nth call of OP (counted from 1) with ERRNO (ENOSPC or EIO)
//   WORLDCAFE_FAULT_REPORT=PATH   created when the fault is injected, so the test knows the run reached it
//
// OP is one of: write (write, pwrite, pwrite64), fsync (fsync, fdatasync), rename (rename, renameat, renameat2),
// open (open, open64, openat, openat64 with O_CREAT or write access). Writes to stdin, stdout and stderr are not
// counted: the test needs the command's messages. Only calls through the dynamic linker are seen (libstdc++ and
// std::filesystem included; glibc's own internal calls, e.g. inside fopen, are not).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

enum Op { OP_NONE, OP_WRITE, OP_FSYNC, OP_RENAME, OP_OPEN };

static enum Op g_op = OP_NONE;
static long g_target = 0;
static int g_errno = 0;
static long g_count = 0;
static int g_parsed = 0;

static void parseConfiguration(void) {
    if (g_parsed) return;
    g_parsed = 1;
    const char* spec = getenv("WORLDCAFE_FAULT");
    if (!spec) return;
    char name[16] = {0};
    char error[16] = {0};
    long n = 0;
    if (sscanf(spec, "%15[a-z]:%ld:%15[A-Z]", name, &n, error) != 3 || n < 1) return;
    if (strcmp(name, "write") == 0) g_op = OP_WRITE;
    else if (strcmp(name, "fsync") == 0) g_op = OP_FSYNC;
    else if (strcmp(name, "rename") == 0) g_op = OP_RENAME;
    else if (strcmp(name, "open") == 0) g_op = OP_OPEN;
    if (strcmp(error, "ENOSPC") == 0) g_errno = ENOSPC;
    else if (strcmp(error, "EIO") == 0) g_errno = EIO;
    else g_op = OP_NONE;
    g_target = n;
}

// Whether this call is the one to fail; sets errno and leaves a mark for the test when it is.
static int injectFault(enum Op op) {
    parseConfiguration();
    if (op != g_op || ++g_count != g_target) return 0;
    const char* report = getenv("WORLDCAFE_FAULT_REPORT");
    if (report) {
        // The raw system call: the shim's own open() would count itself.
        int fd = (int)syscall(SYS_openat, AT_FDCWD, report, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd >= 0) {
            syscall(SYS_write, fd, getenv("WORLDCAFE_FAULT"), strlen(getenv("WORLDCAFE_FAULT")));
            syscall(SYS_close, fd);
        }
    }
    errno = g_errno;
    return 1;
}

#define NEXT(type, name) ((type)dlsym(RTLD_NEXT, name))

static int countedWrite(int fd) { return fd > 2; }
static int countedOpen(int flags) { return (flags & O_CREAT) || (flags & O_ACCMODE) != O_RDONLY; }

ssize_t write(int fd, const void* buffer, size_t size) {
    if (countedWrite(fd) && injectFault(OP_WRITE)) return -1;
    return NEXT(ssize_t (*)(int, const void*, size_t), "write")(fd, buffer, size);
}

ssize_t pwrite(int fd, const void* buffer, size_t size, off_t offset) {
    if (countedWrite(fd) && injectFault(OP_WRITE)) return -1;
    return NEXT(ssize_t (*)(int, const void*, size_t, off_t), "pwrite")(fd, buffer, size, offset);
}

ssize_t pwrite64(int fd, const void* buffer, size_t size, off64_t offset) {
    if (countedWrite(fd) && injectFault(OP_WRITE)) return -1;
    return NEXT(ssize_t (*)(int, const void*, size_t, off64_t), "pwrite64")(fd, buffer, size, offset);
}

int fsync(int fd) {
    if (injectFault(OP_FSYNC)) return -1;
    return NEXT(int (*)(int), "fsync")(fd);
}

int fdatasync(int fd) {
    if (injectFault(OP_FSYNC)) return -1;
    return NEXT(int (*)(int), "fdatasync")(fd);
}

int rename(const char* from, const char* to) {
    if (injectFault(OP_RENAME)) return -1;
    return NEXT(int (*)(const char*, const char*), "rename")(from, to);
}

int renameat(int fromDir, const char* from, int toDir, const char* to) {
    if (injectFault(OP_RENAME)) return -1;
    return NEXT(int (*)(int, const char*, int, const char*), "renameat")(fromDir, from, toDir, to);
}

int renameat2(int fromDir, const char* from, int toDir, const char* to, unsigned flags) {
    if (injectFault(OP_RENAME)) return -1;
    return NEXT(int (*)(int, const char*, int, const char*, unsigned), "renameat2")(fromDir, from, toDir, to, flags);
}

static mode_t modeArgument(int flags, va_list arguments) {
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(arguments, int) : 0;
}

#define DEFINE_OPEN(name)                                                                  \
    int name(const char* path, int flags, ...) {                                           \
        va_list arguments;                                                                 \
        va_start(arguments, flags);                                                        \
        mode_t mode = modeArgument(flags, arguments);                                      \
        va_end(arguments);                                                                 \
        if (countedOpen(flags) && injectFault(OP_OPEN)) return -1;                         \
        return NEXT(int (*)(const char*, int, ...), #name)(path, flags, mode);             \
    }

#define DEFINE_OPENAT(name)                                                                \
    int name(int directory, const char* path, int flags, ...) {                            \
        va_list arguments;                                                                 \
        va_start(arguments, flags);                                                        \
        mode_t mode = modeArgument(flags, arguments);                                      \
        va_end(arguments);                                                                 \
        if (countedOpen(flags) && injectFault(OP_OPEN)) return -1;                         \
        return NEXT(int (*)(int, const char*, int, ...), #name)(directory, path, flags, mode); \
    }

DEFINE_OPEN(open)
DEFINE_OPEN(open64)
DEFINE_OPENAT(openat)
DEFINE_OPENAT(openat64)
