package web

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/testbrain"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/limit"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

const testToken = "curator-token-0123456789"

var brainCache testbrain.Cache

// realBrain is the bot over the embedded fact base, shared by the tests (read-only use).
func realBrain(t testing.TB) *bot.Bot { return brainCache.Get(t, bot.Options{}) }

// fixedTime is the clock of the tests: no test depends on the wall clock.
func fixedTime() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }

type fakeLimiter struct {
	mu      sync.Mutex
	verdict limit.Verdict
	seen    []*bot.Message
}

func (f *fakeLimiter) Check(m *bot.Message) limit.Decision {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seen = append(f.seen, m)
	return limit.Decision{Verdict: f.verdict, Scope: limit.ScopeUser, Wait: 3 * time.Second}
}

type harness struct {
	srv *Server
	lim *fakeLimiter
	log *bot.MemoryStore
}

func newHarness(t testing.TB, cfg Config) *harness {
	t.Helper()
	h := &harness{lim: &fakeLimiter{}, log: bot.NewMemoryStore()}
	s, err := New(cfg, Options{Brain: realBrain(t), Limiter: h.lim, Log: h.log, Now: fixedTime})
	if err != nil {
		t.Fatal(err)
	}
	h.srv = s
	return h
}

type response struct {
	status int
	header http.Header
	body   string
}

func (h *harness) do(t testing.TB, req *http.Request) response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.srv.Handler().ServeHTTP(rec, req)
	return response{rec.Code, rec.Header(), rec.Body.String()}
}

func (h *harness) get(t testing.TB, target string, header ...string) response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return h.do(t, req)
}

// answerable finds a curated question the bot answers, with its fact.
func answerable(t testing.TB, lang knowledge.Lang) (string, *knowledge.Fact) {
	t.Helper()
	b := realBrain(t)
	for _, f := range b.Base().Facts() {
		if len(f.Sources) == 0 {
			continue
		}
		for _, q := range f.Questions(lang) {
			if a := b.Ask(context.Background(), q, ""); a.Answered() && a.Reply.FactID == f.ID && a.Reply.Lang == lang {
				return q, f
			}
		}
	}
	t.Fatalf("no %s question answered", lang)
	return "", nil
}

var htmlLangRe = regexp.MustCompile(`<html lang="([a-z]+)">`)

func TestPages(t *testing.T) {
	h := newHarness(t, Config{AdminToken: testToken})
	qID, factID := answerable(t, knowledge.ID)
	cases := []struct {
		name    string
		target  string
		header  []string
		status  int
		lang    string
		want    []string
		notWant []string
	}{
		{"home has the question form", "/", nil, 200, "en", []string{`<form class="ask" action="/ask" method="get"`, `name="q"`}, nil},
		{"home in Indonesian by Accept-Language", "/", []string{"Accept-Language", "id-ID,id;q=0.9,en;q=0.8"}, 200, "id", []string{"Pertanyaan Anda"}, nil},
		{"?lang wins over Accept-Language", "/?lang=en", []string{"Accept-Language", "id"}, 200, "en", []string{"Your question"}, nil},
		{"English preferred by q", "/", []string{"Accept-Language", "id;q=0.3, en-GB;q=0.8"}, 200, "en", nil, nil},
		{"ask in Indonesian answers with sources", "/ask?q=" + url.QueryEscape(qID), nil, 200, "en",
			[]string{`class="reply answer" lang="id"`, factID.Sources[0].URL, `href="/fact/` + factID.ID + `?lang=en"`, "read-more"}, nil},
		{"the question is escaped", "/ask?q=" + url.QueryEscape(`<script>alert(1)</script> GGE 2015?`), nil, 200, "en",
			[]string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, []string{"<script>"}},
		{"off-topic question refused", "/ask?q=" + url.QueryEscape("resep nasi goreng yang enak"), nil, 200, "en", []string{`class="reply notsure"`}, []string{"read-more"}},
		{"empty question", "/ask?q=", nil, 200, "en", []string{"Type a question"}, nil},
		{"too long question", "/ask?q=" + strings.Repeat("a", maxQuestionBytes+1), nil, 400, "en", []string{"too long"}, nil},
		{"fact page", "/fact/gge-2015-report?lang=id", nil, 200, "id",
			[]string{"A/70/174", "https://docs.un.org/en/A/70/174", "APA 7", "Chicago", "Di linimasa", `href="/fact/`}, nil},
		{"unknown fact", "/fact/no-such-fact", nil, 404, "en", []string{"no-such-fact"}, nil},
		{"hostile fact id escaped", "/fact/%3Cb%3Ex", nil, 404, "en", []string{"&lt;b&gt;x"}, []string{"<b>x"}},
		{"timeline has the chart", "/timeline", nil, 200, "en", []string{"<svg", `role="img"`, "<ol class=\"events\""}, nil},
		{"timeline range", "/timeline?from=2013&to=2021&lang=id", nil, 200, "id", []string{"<svg", "2013–2021", "Linimasa"}, []string{"1998-12-04"}},
		{"timeline chat syntax", "/timeline?q=gge+2015", nil, 200, "en", []string{"<svg", "A/70/174"}, nil},
		{"timeline empty range is text", "/timeline?from=1950&to=1960", nil, 200, "en", []string{"No events"}, []string{"<svg"}},
		{"timeline bad topic", "/timeline?topic=bogus", nil, 400, "en", []string{"Bad request"}, nil},
		{"topics", "/topics", nil, 200, "en", []string{"/topics/gge?lang=en", "/timeline?lang=en&amp;topic=gge"}, nil},
		{"one topic", "/topics/oewg?lang=id", nil, 200, "id", []string{"/fact/"}, nil},
		{"unknown topic", "/topics/nope", nil, 404, "en", nil, nil},
		{"glossary", "/glossary", nil, 200, "en", []string{`<dl class="glossary">`, "<dt>"}, nil},
		{"unknown page", "/nope", nil, 404, "en", []string{"Not found"}, nil},
		{"stylesheet", "/static/style.css", nil, 200, "", []string{"@font-face"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := h.get(t, tc.target, tc.header...)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d\n%s", r.status, tc.status, r.body)
			}
			if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
				t.Errorf("CSP %q", csp)
			}
			if tc.lang != "" {
				if m := htmlLangRe.FindStringSubmatch(r.body); m == nil || m[1] != tc.lang {
					t.Errorf("html lang %v, want %s", m, tc.lang)
				}
			}
			for _, w := range tc.want {
				if !strings.Contains(r.body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(r.body, w) {
					t.Errorf("page has %q", w)
				}
			}
			if strings.Contains(r.body, "<script") {
				t.Error("a page has a script")
			}
		})
	}
}

func TestRequestCaps(t *testing.T) {
	h := newHarness(t, Config{AdminToken: testToken})
	cases := []struct {
		name   string
		method string
		target string
		body   string
		status int
	}{
		{"long query", http.MethodGet, "/ask?q=" + strings.Repeat("x", maxQueryBytes), "", http.StatusRequestURITooLong},
		{"DELETE", http.MethodDelete, "/", "", http.StatusMethodNotAllowed},
		{"POST elsewhere", http.MethodPost, "/ask", "q=x", http.StatusMethodNotAllowed},
		{"big body", http.MethodPost, "/curators", "token=" + strings.Repeat("x", maxBodyBytes), http.StatusRequestEntityTooLarge},
		{"HEAD", http.MethodHead, "/", "", http.StatusOK},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if r := h.do(t, req); r.status != tc.status {
				t.Errorf("status %d, want %d", r.status, tc.status)
			}
		})
	}
}

func TestQuestionBoxBehindTheLimiter(t *testing.T) {
	h := newHarness(t, Config{})
	q, _ := answerable(t, knowledge.EN)
	req := httptest.NewRequest(http.MethodGet, "/ask?q="+url.QueryEscape(q), nil)
	req.RemoteAddr = "127.0.0.9:5555"
	if r := h.do(t, req); r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	if len(h.lim.seen) != 1 || h.lim.seen[0].Platform != Platform || h.lim.seen[0].UserID != "127.0.0.9" {
		t.Fatalf("limiter saw %+v", h.lim.seen)
	}
	h.lim.verdict = limit.Notice
	r := h.do(t, req)
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") != "3" || strings.Contains(r.body, `class="reply`) {
		t.Errorf("over the limit: status %d, Retry-After %q", r.status, r.header.Get("Retry-After"))
	}
	// Pages other than the question box are not limited.
	if r := h.get(t, "/fact/gge-2015-report"); r.status != 200 || len(h.lim.seen) != 2 {
		t.Errorf("fact page: %d, limiter calls %d", r.status, len(h.lim.seen))
	}
}

func TestRefusalsGoToTheCuratorsLog(t *testing.T) {
	h := newHarness(t, Config{AdminToken: testToken})
	h.get(t, "/ask?q="+url.QueryEscape("resep nasi goreng yang enak"))
	entries, err := h.log.Unanswered(context.Background(), 10)
	if err != nil || len(entries) != 1 || entries[0].ChatKind != Platform || entries[0].Kind != bot.CuratorRefused {
		t.Fatalf("curators' log %+v, %v", entries, err)
	}
	r := h.get(t, "/curators", "Authorization", "Bearer "+testToken)
	if r.status != 200 || !strings.Contains(r.body, entries[0].Text) || r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("curators page %d lacks %q", r.status, entries[0].Text)
	}
}

func TestCuratorsNeedTheToken(t *testing.T) {
	h := newHarness(t, Config{AdminToken: testToken})
	cases := []struct {
		name   string
		header []string
		status int
	}{
		{"no token", nil, http.StatusUnauthorized},
		{"wrong token", []string{"Authorization", "Bearer " + testToken + "x"}, http.StatusUnauthorized},
		{"prefix of the token", []string{"Authorization", "Bearer " + testToken[:10]}, http.StatusUnauthorized},
		{"wrong cookie", []string{"Cookie", curatorCookie + "=" + cookieValue("guess")}, http.StatusUnauthorized},
		{"the token", []string{"Authorization", "Bearer " + testToken}, http.StatusOK},
		{"the cookie", []string{"Cookie", curatorCookie + "=" + cookieValue(testToken)}, http.StatusOK},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := h.get(t, "/curators", tc.header...)
			if r.status != tc.status {
				t.Errorf("status %d, want %d", r.status, tc.status)
			}
			if strings.Contains(r.body, testToken) {
				t.Error("the page shows the token")
			}
		})
	}

	// The form sets a cookie holding a digest, not the token.
	req := httptest.NewRequest(http.MethodPost, "/curators", strings.NewReader(url.Values{"token": {testToken}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	h.srv.Handler().ServeHTTP(rec, req)
	cookies := rec.Result().Cookies()
	if rec.Code != 200 || len(cookies) != 1 || cookies[0].Value == testToken || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode || cookies[0].Path != "/curators" {
		t.Errorf("login: %d, cookies %+v", rec.Code, cookies)
	}
	req = httptest.NewRequest(http.MethodPost, "/curators", strings.NewReader("token=wrong"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if r := h.do(t, req); r.status != http.StatusUnauthorized {
		t.Errorf("wrong token in the form: %d", r.status)
	}

	// Without web.admin_token the page does not exist.
	off := newHarness(t, Config{})
	if r := off.get(t, "/curators", "Authorization", "Bearer "); r.status != http.StatusNotFound {
		t.Errorf("no admin token configured: %d", r.status)
	}
}

func TestReadMore(t *testing.T) {
	b := realBrain(t)
	q, f := answerable(t, knowledge.EN)
	h := bot.Chain(bot.HandlerFunc(b.Handle), ReadMore("https://cyberdiplo.example.org/"))
	msg := func(text string) *bot.Message {
		return &bot.Message{Platform: "probe", ChatID: "rm", ChatKind: bot.Private, UserID: "1", Text: text, Addressed: true}
	}
	linkOf := func(r *bot.Reply) string {
		if r == nil || len(r.Blocks) == 0 {
			return ""
		}
		last := r.Blocks[len(r.Blocks)-1]
		if len(last.Spans) != 1 {
			return ""
		}
		return last.Spans[0].URL
	}
	cases := []struct {
		text string
		want string
	}{
		{q, "https://cyberdiplo.example.org/fact/" + f.ID + "?lang=en"},
		{"/timeline 2013-2021", "https://cyberdiplo.example.org/timeline?from=2013&lang=en&to=2021"},
		{"/linimasa grafik gge", "https://cyberdiplo.example.org/timeline?lang=id&topic=gge"},
		{"/help", ""},
	}
	for _, tc := range cases {
		if got := linkOf(h.Handle(context.Background(), msg(tc.text))); got != tc.want {
			t.Errorf("%q: link %q, want %q", tc.text, got, tc.want)
		}
	}
	// Off: nothing added.
	plain := bot.Chain(bot.HandlerFunc(b.Handle), ReadMore(""))
	if got := linkOf(plain.Handle(context.Background(), msg(q))); got != "" {
		t.Errorf("without base_url: %q", got)
	}
}

func TestConfigCheck(t *testing.T) {
	cases := []struct {
		cfg Config
		ok  bool
	}{
		{Config{}, true},
		{Config{Listen: "127.0.0.1:8080", BaseURL: "https://x.example.org", AdminToken: testToken}, true},
		{Config{Listen: "8080"}, false},
		{Config{BaseURL: "ftp://x"}, false},
		{Config{BaseURL: "https://x.example.org/?a=b"}, false},
		{Config{AdminToken: "short"}, false},
	}
	for _, tc := range cases {
		err := tc.cfg.Check()
		if (err == nil) != tc.ok {
			t.Errorf("%+v: %v", tc.cfg, err)
		}
		if err != nil && tc.cfg.AdminToken != "" && strings.Contains(err.Error(), tc.cfg.AdminToken) {
			t.Errorf("the error repeats the token: %v", err)
		}
	}
}

// TestServeLoopback runs the real server on a loopback port and stops it.
func TestServeLoopback(t *testing.T) {
	h := newHarness(t, Config{Listen: "127.0.0.1:0"})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if h.srv.Ready(context.Background()) == nil {
		t.Error("ready before listening")
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.srv.Serve(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/fact/gge-2015-report")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "A/70/174") {
		t.Errorf("status %d", resp.StatusCode)
	}
	if err := h.srv.Ready(context.Background()); err != nil {
		t.Errorf("not ready while serving: %v", err)
	}
	cancel()
	if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("Serve: %v", err)
	}
}
