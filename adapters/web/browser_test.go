package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// howToRunBrowserTests is the one line a developer without Chromium sees.
const howToRunBrowserTests = "browser tests skipped: no Chromium; run `apt-get install -y chromium` (or set CYBERDIPLO_CHROMIUM=/path/to/chrome) and go test ./adapters/web -run Browser"

// chromium finds the browser. Without one the tests skip, except under CI (CI set),
// where a missing browser is a failure: .ci/run installs it.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CYBERDIPLO_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("Chromium not found, and CI is set: browser tests must run in CI (.ci/run installs chromium)")
	}
	t.Skip(howToRunBrowserTests)
	return ""
}

// browser is one headless Chromium with a fresh profile, watching what the page does.
type browser struct {
	ctx    context.Context
	origin string

	mu       sync.Mutex
	requests []string // every URL the page asked for
	problems []string // console errors, exceptions, CSP and other log errors
}

func newBrowser(t *testing.T, exe, origin string) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		// Nothing may leave the machine: every host but the loopback fails to resolve.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	// A generous bound for the whole test, so a wedged browser fails instead of hanging.
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelT)
	b := &browser{ctx: ctx, origin: origin}
	err := chromedp.Listen(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			b.requests = append(b.requests, e.Request.URL)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				b.problems = append(b.problems, fmt.Sprintf("console.%s", e.Type))
			}
		case *runtime.EventExceptionThrown:
			b.problems = append(b.problems, "exception: "+e.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError || e.Entry.Level == cdplog.EntryLevelWarning {
				b.problems = append(b.problems, fmt.Sprintf("%s: %s (%s)", e.Entry.Level, e.Entry.Text, e.Entry.URL))
			}
		}
	})
	if err != nil {
		t.Fatalf("starting Chromium (%s): %v", exe, err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("network events: %v", err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("log events: %v", err)
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("runtime events: %v", err)
	}
	return b
}

// check fails the test on any console problem or any request that left the server.
func (b *browser) check(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		t.Errorf("browser reported: %s", p)
	}
	for _, u := range b.requests {
		if !strings.HasPrefix(u, b.origin+"/") && !strings.HasPrefix(u, "data:") && u != "about:blank" {
			t.Errorf("a request left the companion: %s", u)
		}
	}
	if len(b.requests) == 0 {
		t.Error("no request seen: the network listener is not working")
	}
}

// shot saves a full-page screenshot when CYBERDIPLO_SCREENSHOTS names a directory.
func (b *browser) shot(t *testing.T, name string) {
	t.Helper()
	dir := os.Getenv("CYBERDIPLO_SCREENSHOTS")
	if dir == "" {
		return
	}
	buf, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// step runs steps that return nothing, failing the test with what was being done.
func (b *browser) step(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// value runs one action and returns its value.
func value[T any](t *testing.T, b *browser, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// TestBrowserJourney walks the companion as a student would, at a phone's and a
// desktop's width: ask in Indonesian, follow "read more" to the fact, open the
// timeline and see its chart, switch language.
func TestBrowserJourney(t *testing.T) {
	exe := chromium(t) // once, so that a skip is one line
	for _, size := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{
		{"phone", 390, 844, true},
		{"desktop", 1280, 900, false},
	} {
		t.Run(size.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			srv := httptest.NewServer(h.srv.Handler())
			defer srv.Close()
			b := newBrowser(t, exe, srv.URL)
			q, f := answerable(t, knowledge.ID)

			mobile := chromedp.EmulateViewport(size.width, size.height, chromedp.EmulateScale(2))
			if size.mobile {
				mobile = chromedp.EmulateViewport(size.width, size.height, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulatePortrait)
			}
			b.step(t, "open the home page", mobile, chromedp.Navigate(srv.URL+"/?lang=id"), chromedp.WaitVisible(chromedp.ID("q")))
			title := value(t, b, "read the title", chromedp.Text(chromedp.CSS("h1")))
			b.shot(t, size.name+"-home")

			b.step(t, "ask in Indonesian", chromedp.SendKeys(chromedp.ID("q"), q), chromedp.Submit(chromedp.ID("q")),
				chromedp.WaitVisible(chromedp.ID("answer")))
			answerTitle := value(t, b, "read the answer", chromedp.Text(chromedp.CSS("#answer h2")))
			scrollW := value(t, b, "page width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
			clientW := value(t, b, "window width", chromedp.Evaluate[int](`document.documentElement.clientWidth`))
			b.shot(t, size.name+"-answer")

			b.step(t, "follow read more", chromedp.Click(chromedp.ID("read-more")), chromedp.WaitVisible(chromedp.ID("fact")))
			factID := value(t, b, "fact id", chromedp.AttributeValue(chromedp.ID("fact"), "data-fact")).Value
			path := value(t, b, "location", chromedp.Evaluate[string](`location.pathname`))
			b.shot(t, size.name+"-fact")

			b.step(t, "open the timeline", chromedp.Navigate(srv.URL+"/timeline?from=2013&to=2021&lang=id"),
				chromedp.WaitVisible(chromedp.ID("chart")))
			// Exactly one of the two layouts shows; "join() * 1" is NaN (a failure) if both do.
			circles := value(t, b, "markers", chromedp.Evaluate[int](`[...document.querySelectorAll("figure.chart svg")].filter(s => s.getBoundingClientRect().width > 0).map(s => s.querySelectorAll("circle").length).join() * 1`))
			events := value(t, b, "events", chromedp.Evaluate[int](`document.querySelectorAll("ol.events li").length`))
			b.shot(t, size.name+"-timeline")

			b.step(t, "switch language", chromedp.Click(chromedp.ID("lang-switch")), chromedp.WaitVisible(chromedp.CSS("html[lang=en] #chart")))
			lang := value(t, b, "page language", chromedp.Evaluate[string](`document.documentElement.lang`))

			if !strings.Contains(title, "diplomasi siber") {
				t.Errorf("home title %q is not Indonesian", title)
			}
			if answerTitle != f.Title(knowledge.ID) {
				t.Errorf("answer %q, want %q", answerTitle, f.Title(knowledge.ID))
			}
			if factID != f.ID || path != "/fact/"+url.PathEscape(f.ID) {
				t.Errorf("read more led to %s (fact %q), want %s", path, factID, f.ID)
			}
			if circles == 0 || circles != events {
				t.Errorf("chart has %d markers for %d events", circles, events)
			}
			if lang != "en" {
				t.Errorf("after the switch the page is %q", lang)
			}
			if scrollW != clientW {
				t.Errorf("the answer page scrolls sideways: %d px in a %d px window", scrollW, clientW)
			}
			b.check(t)
		})
	}
}
