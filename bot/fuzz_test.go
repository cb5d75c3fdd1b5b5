package bot

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// lockedBuffer collects log output from concurrent handlers.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// FuzzHandle feeds arbitrary text to a private chat with the real matcher: the bot must
// always reply, never panic (a recovered panic is logged), keep button data within 64
// bytes, and never echo more than the length cap back.
func FuzzHandle(f *testing.F) {
	base, err := knowledge.Load(os.DirFS("testdata/facts"))
	if err != nil {
		f.Fatal(err)
	}
	var logs lockedBuffer
	b := New(base, nil, Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	for _, seed := range []string{
		"", " ", "/", "//", "/ask", "/timeline 2015-", "/timeline 9999-0000 p999", "/fact ../../etc/passwd",
		"/lang \x00", "What is A/70/174?", "Apa itu A/RES/70/237??", "\xff\xfe", "\u200b\u202e", "<script>", "*_`[]()~",
		"/timeline " + strings.Repeat("p1 ", 100), strings.Repeat("🇮🇩", 300), "/TIMELINE@bot 2015 P2", "/fact A/RES/",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := b.Handle(context.Background(), &Message{Platform: "fuzz", ChatID: "f", ChatKind: Private, Addressed: true, IsAdmin: true, Text: s})
		if r == nil {
			t.Fatalf("silence in a private chat for %q", s)
		}
		if strings.Contains(logs.String(), "handler panic") {
			t.Fatalf("panic for %q:\n%s", s, logs.String())
		}
		out := PlainTextWithButtons(r)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 in the reply to %q", s)
		}
		for _, row := range r.Buttons {
			for _, btn := range row {
				if len(btn.Data) == 0 || len(btn.Data) > maxButtonData {
					t.Fatalf("button data %q for %q", btn.Data, s)
				}
			}
		}
	})
}
