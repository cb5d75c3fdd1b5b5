// Package chattext holds the text chores every chat adapter does before a string leaves the
// process: making dynamic text safe to send, vetting link targets, and measuring and cutting
// text in the unit platforms count their limits in (UTF-16 code units for Telegram and
// Discord alike). Kept in one place, as matterbridge keeps its bridge/helper, so that a fix
// to a rule reaches every platform.
package chattext

import (
	"net/url"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Clean makes a dynamic string safe to send where the platform accepts any other character:
// valid UTF-8, no NUL bytes. Telegram takes control characters in text; NUL ends its strings.
func Clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return s
}

// CleanControls is Clean for platforms that render control characters as garbage or reject
// them (Discord): valid UTF-8, no control characters except newlines and tabs.
func CleanControls(s string) string {
	if s == "" {
		return s
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// LinkURL parses raw as a link target a chat may carry: absolute http(s) with a host, or one
// of the extra schemes (for example Telegram's tg:) which need no host. Anything else would
// either be rejected by the platform, failing the whole message, or be a javascript:-style
// trap; ok is false for it.
func LinkURL(raw string, extraSchemes ...string) (u *url.URL, ok bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, false
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme == "http" || scheme == "https" {
		return u, u.Host != ""
	}
	for _, s := range extraSchemes {
		if scheme == s {
			return u, true
		}
	}
	return nil, false
}

// Units counts s in UTF-16 code units, the unit of Telegram's and Discord's limits (and of
// Telegram's entity offsets).
func Units(s string) int {
	n := 0
	for _, r := range s {
		n += RuneUnits(r)
	}
	return n
}

// RuneUnits is the number of UTF-16 code units r takes.
func RuneUnits(r rune) int {
	if n := utf16.RuneLen(r); n > 0 {
		return n
	}
	return 1 // an invalid rune is sent as U+FFFD, one unit
}

// FitEnd is the largest byte offset e such that text[start:e] fits in limit units; it never
// falls inside a character.
func FitEnd(text string, start, limit int) int {
	n := 0
	for i, r := range text[start:] {
		n += RuneUnits(r)
		if n > limit {
			return start + i
		}
	}
	return len(text)
}

// Truncate shortens s to at most limit units, ending with an ellipsis when cut.
func Truncate(s string, limit int) string {
	if Units(s) <= limit {
		return s
	}
	n := 0
	for i, r := range s {
		if n+RuneUnits(r) > limit-1 {
			return strings.TrimRight(s[:i], " ") + "…"
		}
		n += RuneUnits(r)
	}
	return s
}
