// Package secret keeps tokens out of error messages. A token pasted into the wrong
// setting (a URL, an id, a number) would otherwise be echoed back in the error about that
// setting, and so end up in logs and terminal scrollback.
package secret

import (
	"regexp"
	"strconv"
	"strings"
)

// tokenLike matches the shapes of platform credentials: a Telegram bot token (digits, a
// colon, 30+ characters), a Discord bot token (three base64url parts joined by dots), and
// any long unbroken run of letters, digits, - and _ (API keys, secrets).
var tokenLike = regexp.MustCompile(`\d{4,}:[A-Za-z0-9_-]{20,}` +
	`|[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{20,}` +
	`|[A-Za-z0-9_-]{32,}`)

// Hidden is what Quote shows instead of a value that looks like a token.
const Hidden = "(value hidden: it looks like a token)"

// LooksLikeToken reports whether v contains something shaped like a credential, or one of
// the known secrets.
func LooksLikeToken(v string, known ...string) bool {
	for _, k := range known {
		if k = strings.TrimSpace(k); len(k) >= 8 && strings.Contains(v, k) {
			return true
		}
	}
	return tokenLike.MatchString(v)
}

// Quote is v quoted for an error message, or Hidden when v looks like a token.
func Quote(v string, known ...string) string {
	if LooksLikeToken(v, known...) {
		return Hidden
	}
	return strconv.Quote(v)
}
