#ifndef EVENTSDASH_CNCURSES_SHIM_H
#define EVENTSDASH_CNCURSES_SHIM_H
// SwiftPM drops pkg-config's -D flags, so wide-character curses is switched on here.
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Macros and shared globals Swift cannot import, as functions.
static inline WINDOW *ed_stdscr(void) { return stdscr; }
static inline int ed_lines(void) { return LINES; }
static inline int ed_cols(void) { return COLS; }
static inline int ed_colors(void) { return COLORS; }
static inline attr_t ed_a_bold(void) { return A_BOLD; }
static inline attr_t ed_a_reverse(void) { return A_REVERSE; }
static inline attr_t ed_a_dim(void) { return A_DIM; }
static inline attr_t ed_a_underline(void) { return A_UNDERLINE; }
static inline attr_t ed_color_pair(short pair) { return COLOR_PAIR(pair); }
// Columns a character takes on the terminal (-1 for non-printable), per the current locale.
static inline int ed_wcwidth(wchar_t c) { return wcwidth(c); }
static inline void ed_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
// Mouse masks (macros built from other macros).
static inline mmask_t ed_mouse_buttons(void) {
    return BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline mmask_t ed_button1_click(void) { return BUTTON1_CLICKED; }
static inline mmask_t ed_button1_double_click(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t ed_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t ed_wheel_down(void) { return BUTTON5_PRESSED; }

#endif
