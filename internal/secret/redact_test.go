package secret

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// Moved from adapters/telegram, whose redactor this was.
func TestRedactionKeepsErrorsUseful(t *testing.T) {
	const testToken = "123456:TEST-token_SECRET"
	r := NewRedactor("<redacted>")
	r.Add(testToken)
	raw := &url.Error{Op: "Post", URL: "https://api.telegram.org/bot" + testToken + "/getMe", Err: context.DeadlineExceeded}
	err := r.Error(raw)
	if strings.Contains(err.Error(), testToken) || !strings.Contains(err.Error(), "<redacted>") {
		t.Errorf("wrapped error: %v", err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Error("redaction lost the cause")
	}
	plain := r.Error(fmt.Errorf("dial: %s%%3A", url.QueryEscape(testToken)))
	if strings.Contains(plain.Error(), url.QueryEscape(testToken)) {
		t.Errorf("escaped token kept: %v", plain)
	}
}

func TestRedactorPatternKeepsThePlace(t *testing.T) {
	r := NewRedactor("[token]").HidePattern(regexp.MustCompile(`(hooks/\d+/)[A-Za-z0-9.]+`), "${1}")
	if got := r.String("POST hooks/42/abc.def/x"); got != "POST hooks/42/[token]/x" {
		t.Errorf("got %q", got)
	}
	if err := errors.New("plain"); r.Error(err) != err {
		t.Error("an error without secrets was rewrapped")
	}
}
