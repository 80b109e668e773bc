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

#include <cstring>
#include <string>

#include <gtest/gtest.h>

extern "C" void arc4random_buf(void* buf, size_t n);
extern "C" int close_range(unsigned int first, unsigned int last, int flags);
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
  // The host's real one (2.35+): this test's own definition is not exported.
  auto real = reinterpret_cast<FindObject>(dlvsym(RTLD_DEFAULT, "_dl_find_object", "GLIBC_2.35"));
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
