package secret

import (
	"context"
	"errors"
	"net/url"
	"regexp"
	"strings"
	"sync"
)

// Redactor removes known secrets from text before it reaches a log. Quote guards a setting
// that may hold a pasted token; a Redactor guards everything else: platform libraries put
// the bot token in request URLs, and Go's *url.Error repeats that URL in its message, so any
// transport error would print it. Safe for concurrent use.
type Redactor struct {
	mask     string
	patterns []pattern
	mu       sync.RWMutex
	secrets  []string
}

// pattern hides secrets that are not known in advance but sit in a known place (Discord's
// interaction tokens in URL paths): re's matches are replaced by repl, where repl may keep
// groups of the match and "$mask" stands for the mask.
type pattern struct {
	re   *regexp.Regexp
	repl string
}

// NewRedactor returns a Redactor that writes mask where a secret was.
func NewRedactor(mask string) *Redactor { return &Redactor{mask: mask} }

// HidePattern makes r also replace every match of re by keep (a regexp replacement
// template; its groups may keep the non-secret part of the match) followed by the mask.
// It is meant for setup, before r is shared.
func (r *Redactor) HidePattern(re *regexp.Regexp, keep string) *Redactor {
	r.patterns = append(r.patterns, pattern{re: re, repl: keep + strings.ReplaceAll(r.mask, "$", "$$")})
	return r
}

// Add makes r hide secret as written and in its URL-escaped forms (a token may reach a log
// inside a URL path or query). An empty secret is ignored.
func (r *Redactor) Add(secret string) {
	if secret == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range []string{secret, url.PathEscape(secret), url.QueryEscape(secret)} {
		known := false
		for _, have := range r.secrets {
			if have == s {
				known = true
				break
			}
		}
		if !known {
			r.secrets = append(r.secrets, s)
		}
	}
}

// String is s with every secret replaced by the mask.
func (r *Redactor) String(s string) string {
	r.mu.RLock()
	for _, secret := range r.secrets {
		if strings.Contains(s, secret) {
			s = strings.ReplaceAll(s, secret, r.mask)
		}
	}
	r.mu.RUnlock()
	for _, p := range r.patterns {
		s = p.re.ReplaceAllString(s, p.repl)
	}
	return s
}

// Error returns err with every secret removed from its text. A *url.Error keeps its shape
// (so errors.Is(err, context.Canceled) and timeouts still work) with the URL redacted; other
// errors keep only a context error as their cause, never the text that held the secret.
func (r *Redactor) Error(err error) error {
	if err == nil {
		return nil
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		inner := ue.Err
		if inner != nil && r.String(inner.Error()) != inner.Error() {
			inner = &redactedError{msg: r.String(inner.Error()), cause: contextCause(inner)}
		}
		return &url.Error{Op: ue.Op, URL: r.String(ue.URL), Err: inner}
	}
	if r.String(err.Error()) == err.Error() {
		return err
	}
	return &redactedError{msg: r.String(err.Error()), cause: contextCause(err)}
}

// contextCause keeps context errors reachable through a redacted error without keeping the
// text that held the secret.
func contextCause(err error) error {
	switch {
	case errors.Is(err, context.Canceled):
		return context.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return context.DeadlineExceeded
	}
	return nil
}

type redactedError struct {
	msg   string
	cause error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.cause }
