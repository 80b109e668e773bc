// The polyfills of stub/glibc_floor/, linked into this test as into the stub
// (they replace glibc's own functions here too), checked against what the
// host's glibc does.
#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <math.h>
#include <semaphore.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include <gtest/gtest.h>

extern "C" void arc4random_buf(void* buf, size_t n);
extern "C" int close_range(unsigned int first, unsigned int last, int flags);
extern "C" uint32_t arc4random(void);
extern "C" int getentropy(void* buf, size_t len);
extern "C" void* reallocarray(void* ptr, size_t n, size_t size);
extern "C" int sem_clockwait(sem_t* sem, clockid_t clock, const struct timespec* abstime);

namespace {

int constructed = 0;
struct Constructed {
  Constructed() { constructed = 42; }
} constructed_by_init_array;

TEST(GlibcFloor, StartMainRunsConstructors) {
  // __libc_start_main of start_main.c hands glibc the init function.
  EXPECT_EQ(constructed, 42);
}

using FindObject = int (*)(void*, struct dl_find_object*);

TEST(GlibcFloor, DlFindObjectAgreesWithGlibc) {
  // The host's real one (2.35+): RTLD_NEXT, past this executable, which
  // exports its own (exports.list).
  auto real = reinterpret_cast<FindObject>(dlvsym(RTLD_NEXT, "_dl_find_object", "GLIBC_2.35"));
  ASSERT_NE(real, nullptr);
  int local = 0;
  void* addresses[] = {reinterpret_cast<void*>(&close_range), reinterpret_cast<void*>(&printf),
                       reinterpret_cast<void*>(static_cast<double (*)(double)>(&::cos)), reinterpret_cast<void*>(&dlopen),
                       static_cast<void*>(&local)};
  for (void* pc : addresses) {
    struct dl_find_object mine, theirs;
    int mine_rc = _dl_find_object(pc, &mine);
    int theirs_rc = real(pc, &theirs);
    EXPECT_EQ(mine_rc, theirs_rc) << pc;
    if (mine_rc != 0 || theirs_rc != 0) continue;
    EXPECT_EQ(mine.dlfo_eh_frame, theirs.dlfo_eh_frame) << pc;
    EXPECT_EQ(mine.dlfo_link_map, theirs.dlfo_link_map) << pc;
    EXPECT_LE(mine.dlfo_map_start, pc);
    EXPECT_GT(mine.dlfo_map_end, pc);
    EXPECT_NE(mine.dlfo_eh_frame, nullptr) << pc;
  }
  struct dl_find_object none;
  EXPECT_EQ(_dl_find_object(static_cast<void*>(&local), &none), -1);  // the stack
}

TEST(GlibcFloor, StatFamilyAgreesWithTheSystemCall) {
  struct stat mine, kernel;
  ASSERT_EQ(stat("/proc/self/exe", &mine), 0);
  ASSERT_EQ(syscall(SYS_newfstatat, AT_FDCWD, "/proc/self/exe", &kernel, 0), 0);
  EXPECT_EQ(mine.st_ino, kernel.st_ino);
  EXPECT_EQ(mine.st_size, kernel.st_size);
  ASSERT_EQ(lstat("/proc/self/exe", &mine), 0);
  EXPECT_TRUE(S_ISLNK(mine.st_mode));
  int fd = open("/proc/self/exe", O_RDONLY);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(fstat(fd, &mine), 0);
  EXPECT_EQ(mine.st_ino, kernel.st_ino);
  ASSERT_EQ(fstatat(AT_FDCWD, "/proc/self/exe", &mine, 0), 0);
  EXPECT_EQ(mine.st_ino, kernel.st_ino);
  close(fd);
  errno = 0;
  EXPECT_EQ(stat("/nonexistent/floor", &mine), -1);
  EXPECT_EQ(errno, ENOENT);
}

TEST(GlibcFloor, SemClockwaitTimesOutOnTheMonotonicClockAndTakesAPost) {
  sem_t sem;
  ASSERT_EQ(sem_init(&sem, 0, 0), 0);
  struct timespec start, deadline, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  deadline = start;
  deadline.tv_nsec += 50 * 1000 * 1000;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec++;
    deadline.tv_nsec -= 1000000000L;
  }
  errno = 0;
  EXPECT_EQ(sem_clockwait(&sem, CLOCK_MONOTONIC, &deadline), -1);
  EXPECT_EQ(errno, ETIMEDOUT);
  clock_gettime(CLOCK_MONOTONIC, &end);
  EXPECT_GE((end.tv_sec - deadline.tv_sec) * 1000000000LL + end.tv_nsec - deadline.tv_nsec, 0);
  ASSERT_EQ(sem_post(&sem), 0);
  EXPECT_EQ(sem_clockwait(&sem, CLOCK_MONOTONIC, &deadline), 0);  // past deadline, but posted
  errno = 0;
  EXPECT_EQ(sem_clockwait(&sem, CLOCK_PROCESS_CPUTIME_ID, &deadline), -1);
  EXPECT_EQ(errno, EINVAL);
  sem_destroy(&sem);
}

TEST(GlibcFloor, CloseRangeClosesAndMarks) {
  int a = open("/dev/null", O_RDONLY), b = open("/dev/null", O_RDONLY);
  ASSERT_GE(a, 0);
  ASSERT_EQ(b, a + 1);
  ASSERT_EQ(close_range(a, b, 4 /* CLOSE_RANGE_CLOEXEC */), 0);
  EXPECT_TRUE(fcntl(a, F_GETFD) & FD_CLOEXEC);
  ASSERT_EQ(close_range(a, b, 0), 0);
  EXPECT_EQ(fcntl(a, F_GETFD), -1);
  EXPECT_EQ(fcntl(b, F_GETFD), -1);
}

TEST(GlibcFloor, Arc4randomFills) {
  unsigned char a[64] = {0}, b[64] = {0};
  arc4random_buf(a, sizeof a);
  arc4random_buf(b, sizeof b);
  EXPECT_NE(memcmp(a, b, sizeof a), 0);
}

TEST(GlibcFloor, GetentropyArc4randomReallocarray) {
  unsigned char a[256] = {0}, b[256] = {0};
  ASSERT_EQ(getentropy(a, sizeof a), 0);
  ASSERT_EQ(getentropy(b, sizeof b), 0);
  EXPECT_NE(memcmp(a, b, sizeof a), 0);
  errno = 0;
  EXPECT_EQ(getentropy(a, 257), -1);  // glibc's limit
  EXPECT_EQ(errno, EIO);
  EXPECT_NE(arc4random() ^ arc4random() ^ arc4random(), arc4random() ^ arc4random() ^ arc4random());
  void* p = reallocarray(nullptr, 16, 16);
  EXPECT_NE(p, nullptr);
  errno = 0;
  EXPECT_EQ(reallocarray(p, SIZE_MAX / 2, 3), nullptr);
  EXPECT_EQ(errno, ENOMEM);
  free(p);
}

// What the freezer relies on (freezer/native/glibc_lowering.h): a library's
// reference that names a glibc version (versioned_user.c, linked to this
// test) binds to the executable's exported, unversioned definition, which
// comes first in the loader's scope; so does a reference with no version
// (dlsym's lookup). dlvsym is stricter (it never accepts an unversioned
// definition), and past this executable finds glibc's own.
extern "C" void* versioned_getentropy(void);
extern "C" void* versioned_stat(void);
extern "C" void* versioned_memfd_create(void);

TEST(GlibcFloor, ExportedPolyfillsAnswerVersionedReferences) {
  Dl_info exe, info;
  ASSERT_NE(dladdr(reinterpret_cast<void*>(&constructed), &exe), 0);
  struct { const char* name; const char* version; void* bound; } cases[] = {
      {"getentropy", "GLIBC_2.25", versioned_getentropy()},
      {"stat", "GLIBC_2.33", versioned_stat()},
      {"memfd_create", "GLIBC_2.27", versioned_memfd_create()}};
  for (const auto& c : cases) {
    void* mine = dlsym(RTLD_DEFAULT, c.name);
    ASSERT_NE(dladdr(mine, &info), 0) << c.name;
    EXPECT_EQ(info.dli_fbase, exe.dli_fbase) << c.name << " is not this executable's";
    EXPECT_EQ(c.bound, mine) << c.name << "@" << c.version << " did not bind to the executable's";
    void* glibc = dlvsym(RTLD_NEXT, c.name, c.version);
    EXPECT_NE(glibc, nullptr);
    EXPECT_NE(glibc, mine);
  }
}

TEST(GlibcFloor, PinnedMathMatchesTheNewVersions) {
  using Fn = double (*)(double);
  auto new_exp = reinterpret_cast<Fn>(dlvsym(RTLD_DEFAULT, "exp", "GLIBC_2.29"));
  auto new_log = reinterpret_cast<Fn>(dlvsym(RTLD_DEFAULT, "log", "GLIBC_2.29"));
  ASSERT_NE(new_exp, nullptr);
  ASSERT_NE(new_log, nullptr);
  volatile double xs[] = {-745.2, -1.5, 0.0, 1e-300, 0.5, 1.0, 2.0, 700.0, 710.0};
  for (double x : xs) {
    EXPECT_EQ(std::isnan(exp(x)) ? 0 : exp(x), std::isnan(new_exp(x)) ? 0 : new_exp(x)) << x;
    if (x > 0) {
      EXPECT_EQ(log(x), new_log(x)) << x;
    }
  }
  errno = 0;
  EXPECT_TRUE(std::isinf(exp(1000.0)));
  EXPECT_EQ(errno, ERANGE);
}

}  // namespace
