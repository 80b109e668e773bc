/* openpty, forkpty, login_tty (os.openpty, pty.fork) at their libutil.so.1
 * versions: glibc 2.34 moved libutil into libc with new GLIBC_2.34
 * versions. Older glibc has them only in libutil.so.1, a DT_NEEDED of the
 * stub. */
#include "pin.h"

FLOOR_PIN(openpty, "GLIBC_2.2.5");
FLOOR_PIN(forkpty, "GLIBC_2.2.5");
FLOOR_PIN(login_tty, "GLIBC_2.2.5");
