package chattext

import (
	"strings"
	"testing"
)

func TestCleanRules(t *testing.T) {
	in := "a\x00b\x01c\n\td\xff"
	if got, want := Clean(in), "ab\x01c\n\td\uFFFD"; got != want {
		t.Errorf("Clean = %q, want %q", got, want)
	}
	if got, want := CleanControls(in), "abc\n\td\uFFFD"; got != want {
		t.Errorf("CleanControls = %q, want %q", got, want)
	}
}

func TestLinkURL(t *testing.T) {
	for _, tc := range []struct {
		raw   string
		extra []string
		ok    bool
	}{
		{" https://example.org/a ", nil, true},
		{"HTTP://example.org", nil, true},
		{"https://", nil, false},
		{"javascript:alert(1)", nil, false},
		{"tg://resolve?domain=x", nil, false},
		{"tg://resolve?domain=x", []string{"tg"}, true},
		{"", nil, false},
		{"/relative", nil, false},
	} {
		if _, ok := LinkURL(tc.raw, tc.extra...); ok != tc.ok {
			t.Errorf("LinkURL(%q, %v) ok = %v, want %v", tc.raw, tc.extra, ok, tc.ok)
		}
	}
}

func TestUnitsAndTruncate(t *testing.T) {
	if got := Units("a😀é"); got != 4 {
		t.Errorf("Units = %d, want 4", got)
	}
	if got := Truncate("hello world", 6); got != "hello…" {
		t.Errorf("Truncate = %q", got)
	}
	if got := Truncate("short", 10); got != "short" {
		t.Errorf("Truncate kept %q", got)
	}
}

func TestSplitters(t *testing.T) {
	text := "First sentence here. Second one follows.\n\nA new paragraph that is long enough."
	end := Cut(text, 0, 50, nil)
	if text[:end] != "First sentence here. Second one follows.\n\n" {
		t.Errorf("Cut ended at %q", text[:end])
	}
	// A cut inside an avoided range is passed over for an earlier one.
	end = Cut(text, 0, 50, func(pos int) bool { return pos > 21 && pos < 50 })
	if text[:end] != "First sentence here. " {
		t.Errorf("Cut with avoid ended at %q", text[:end])
	}
	parts := SplitLines("one two\nthree four five\nsix", 10)
	for _, p := range parts {
		if Units(p) > 10 {
			t.Errorf("part %q over the limit", p)
		}
	}
	if got := strings.Join(parts, "|"); got != "one two|three|four five|six" {
		t.Errorf("SplitLines = %q", got)
	}
}
