package web

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"html/template"
	"math"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/address"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/chart"
	"github.com/cyberdiplo/cyberdiplo/bot/limit"
	"github.com/cyberdiplo/cyberdiplo/bot/study"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// maxQuestionBytes caps the question box before the bot's own rune limit applies.
const maxQuestionBytes = 1000

// The timeline page holds the chart twice, laid out for a wide and for a narrow
// screen; the stylesheet shows one (no script needed). A phone scrolls the narrow one
// sideways a little instead of shrinking its labels out of reach.
const (
	chartWidth       = 1100
	chartNarrowWidth = chart.MinWidth
)

// curatorCookie carries the admin token after the form, only to /curators.
const curatorCookie = "cyberdiplo_curator"

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.home)
	m.HandleFunc("GET /ask", s.ask)
	m.HandleFunc("GET /fact/{id}", s.fact)
	m.HandleFunc("GET /timeline", s.timeline)
	m.HandleFunc("GET /topics", s.topics)
	m.HandleFunc("GET /topics/{key}", s.topic)
	m.HandleFunc("GET /glossary", s.glossary)
	m.HandleFunc("GET /curators", s.curators)
	m.HandleFunc("POST /curators", s.curatorsLogin)
	m.HandleFunc("GET /static/style.css", s.static("text/css; charset=utf-8", s.css))
	m.HandleFunc("GET /static/go-regular.ttf", s.static("font/ttf", chart.RegularTTF()))
	m.HandleFunc("GET /static/go-bold.ttf", s.static("font/ttf", chart.BoldTTF()))
	m.HandleFunc("GET /", s.notFound)
	s.mux = m
}

// page is what every template gets.
type page struct {
	Lang      knowledge.Lang
	Other     knowledge.Lang // the other language, for the switch link
	OtherURL  string
	Title     string
	Canonical string // absolute address of this page when web.base_url is set
	Nav       string // the section this page belongs to
	Body      any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, lang knowledge.Lang, name, title, nav string, body any) {
	p := page{Lang: lang, Other: lang.Other(), OtherURL: withLang(r.URL, lang.Other()), Title: title, Nav: nav, Body: body}
	if b := s.cfg.base(); b != "" {
		p.Canonical = b + withLang(r.URL, lang)
	}
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, name, p); err != nil {
		s.log.Error("rendering a page", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", string(lang))
	h.Set("Vary", "Accept-Language")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

func (s *Server) static(ctype string, data []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "public, max-age=86400")
		w.Write(data)
	}
}

// langOf is ?lang=id|en, else the browser's preferred one of the two, else English.
func langOf(r *http.Request) knowledge.Lang {
	if l, ok := knowledge.ParseLang(r.URL.Query().Get("lang")); ok {
		return l
	}
	best, bestQ := knowledge.EN, -1.0
	for i, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		if i >= 20 {
			break
		}
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		l, ok := bot.LocaleLang(tag)
		if !ok {
			continue
		}
		if q > bestQ {
			best, bestQ = l, q
		}
	}
	return best
}

// withLang is u's path and query with lang set.
func withLang(u *url.URL, l knowledge.Lang) string {
	q := u.Query()
	q.Set("lang", string(l))
	return u.EscapedPath() + "?" + q.Encode()
}

// link builds an internal address with lang.
func link(path string, lang knowledge.Lang, kv ...string) string {
	q := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			q.Set(kv[i], kv[i+1])
		}
	}
	q.Set("lang", string(lang))
	return path + "?" + q.Encode()
}

func factPath(id string) string { return "/fact/" + url.PathEscape(id) }

// --- the home page and the question box ---

type homeBody struct {
	Q       string
	Problem string
	Answer  *answerView
	Wait    int
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	s.render(w, r, http.StatusOK, lang, "home", tr(lang, "site"), "home", homeBody{})
}

func (s *Server) ask(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	body := homeBody{Q: q}
	switch {
	case q == "":
		body.Problem = tr(lang, "ask.empty")
		s.render(w, r, http.StatusOK, lang, "home", tr(lang, "site"), "home", body)
		return
	case len(q) > maxQuestionBytes || !utf8.ValidString(q):
		body.Q = ""
		body.Problem = tr(lang, "ask.toolong")
		s.render(w, r, http.StatusBadRequest, lang, "home", tr(lang, "site"), "home", body)
		return
	}
	if s.opts.Limiter != nil {
		ip := clientIP(r)
		m := &bot.Message{Platform: Platform, ChatID: ip, UserID: ip, ChatKind: bot.Private, Text: q}
		address.Mark(m, address.Signals{})
		d := s.opts.Limiter.Check(m)
		if d.Verdict != limit.Allow {
			secs := max(1, int(math.Ceil(d.Wait.Seconds())))
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			body.Wait = secs
			s.render(w, r, http.StatusTooManyRequests, lang, "slow", tr(lang, "slow.title"), "home", body)
			return
		}
	}
	a := s.opts.Brain.Ask(r.Context(), q, "")
	if a.Reply == nil {
		body.Problem = tr(lang, "ask.empty")
		s.render(w, r, http.StatusOK, lang, "home", tr(lang, "site"), "home", body)
		return
	}
	s.logUnanswered(r, a)
	body.Answer = s.replyView(a.Reply, lang)
	s.render(w, r, http.StatusOK, lang, "home", tr(lang, "ask.title")+" — cyberdiplo", "home", body)
}

// logUnanswered keeps the web's refusals in the curators' log, like the chats'.
func (s *Server) logUnanswered(r *http.Request, a bot.Answer) {
	if s.opts.Log == nil || a.Reply.Kind != bot.KindNotSure {
		return
	}
	// As in the chats: a refusal that offered facts was not sure; one that offered
	// example questions found nothing (the reply's outcome says which).
	kind := study.CuratorKindOf(a.Reply)
	if err := s.opts.Log.LogCurator(r.Context(), kind, a.Question, Platform, s.opts.Now()); err != nil {
		s.log.Warn("curators' log", "err", err)
	}
}

// clientIP is the peer's address; the companion does not trust forwarding headers, so
// behind a proxy every visitor shares the proxy's budget.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// answerView is a bot reply as a page section.
type answerView struct {
	Kind     string // "answer", "notsure", "info", "error"
	Lang     knowledge.Lang
	Title    string
	Paras    [][]spanView
	Sources  []knowledge.Source
	Links    []linkView
	Footer   string
	ReadMore string
}

type spanView struct {
	Text, URL          string
	Bold, Italic, Code bool
}

type linkView struct {
	Label, URL string
}

func (s *Server) replyView(r *bot.Reply, pageLang knowledge.Lang) *answerView {
	v := &answerView{Lang: r.Lang, Title: r.Title, Sources: r.Sources, Footer: r.Footer}
	switch r.Kind {
	case bot.KindAnswer:
		v.Kind = "answer"
	case bot.KindNotSure:
		v.Kind = "notsure"
	case bot.KindError:
		v.Kind = "error"
	default:
		v.Kind = "info"
	}
	if v.Lang == "" {
		v.Lang = pageLang
	}
	for _, b := range r.Blocks {
		var para []spanView
		for _, sp := range b.Spans {
			para = append(para, spanView{Text: sp.Text, URL: sp.URL, Bold: sp.Style == bot.Bold, Italic: sp.Style == bot.Italic, Code: sp.Style == bot.Code})
		}
		v.Paras = append(v.Paras, para)
	}
	for _, row := range r.Buttons {
		for _, b := range row {
			if u := buttonURL(b.Data, pageLang); u != "" {
				v.Links = append(v.Links, linkView{Label: b.Label, URL: u})
			}
		}
	}
	if r.Kind == bot.KindAnswer && r.FactID != "" {
		v.ReadMore = link(factPath(r.FactID), pageLang)
	}
	return v
}

// buttonURL turns a chat button's command into the page that shows the same, or "".
func buttonURL(data string, lang knowledge.Lang) string {
	cmd, arg, _ := strings.Cut(strings.TrimSpace(data), " ")
	arg = strings.TrimSpace(arg)
	switch strings.ToLower(strings.TrimPrefix(cmd, "/")) {
	case "fact", "fakta":
		if arg != "" {
			return link(factPath(arg), lang)
		}
	case "ask", "tanya":
		if arg != "" {
			return link("/ask", lang, "q", arg)
		}
	case "timeline", "linimasa":
		return link("/timeline", lang, "q", arg)
	}
	return ""
}

// --- one page per fact ---

type factBody struct {
	Fact     *knowledge.Fact
	Title    string
	Answer   string
	Topics   []linkView
	Cites    []citeView
	Related  []linkView
	Year     int
	YearURL  string
	Before   *linkView
	After    *linkView
	ChatHint string
}

type citeView struct {
	Source                     knowledge.Source
	APA, ChicagoNote, ChicagoB []knowledge.CiteSegment
}

func (s *Server) fact(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	base := s.opts.Brain.Base()
	id := r.PathValue("id")
	f, ok := base.Get(id)
	if !ok {
		s.render(w, r, http.StatusNotFound, lang, "notfound", tr(lang, "nf.title"), "", homeBody{Problem: tr(lang, "nf.fact", truncate(id, 80))})
		return
	}
	b := factBody{Fact: f, Title: f.Title(lang), Answer: f.Answer(lang), ChatHint: tr(lang, "fact.chat", f.ID)}
	for _, t := range f.Topics {
		if tp, ok := knowledge.LookupTopic(t); ok {
			b.Topics = append(b.Topics, linkView{Label: tp.Label(lang), URL: link("/topics/"+url.PathEscape(t), lang)})
		}
	}
	for _, c := range knowledge.Cite(f) {
		b.Cites = append(b.Cites, citeView{Source: c.Source, APA: c.APA, ChicagoNote: c.ChicagoNote, ChicagoB: c.ChicagoBibliography})
	}
	for _, rid := range f.Related {
		if rf, ok := base.Get(rid); ok {
			b.Related = append(b.Related, linkView{Label: rf.Title(lang), URL: link(factPath(rf.ID), lang)})
		}
	}
	if f.Timeline {
		b.Year = f.Year()
		y := strconv.Itoa(b.Year)
		b.YearURL = link("/timeline", lang, "from", y, "to", y)
		all := base.Timeline(knowledge.TimelineFilter{})
		if i := slices.Index(all, f); i >= 0 {
			if i > 0 {
				b.Before = &linkView{Label: all[i-1].Date + " — " + all[i-1].Title(lang), URL: link(factPath(all[i-1].ID), lang)}
			}
			if i+1 < len(all) {
				b.After = &linkView{Label: all[i+1].Date + " — " + all[i+1].Title(lang), URL: link(factPath(all[i+1].ID), lang)}
			}
		}
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	s.render(w, r, http.StatusOK, lang, "fact", b.Title+" — cyberdiplo", "", b)
}

// --- the timeline ---

type timelineBody struct {
	From, To    string
	Topic       string
	Topics      []knowledge.Topic
	Years       []int
	Problem     string
	Chart       template.HTML // wide layout
	ChartNarrow template.HTML // narrow layout
	Events      []eventView
	Empty       string
	ChatHint    string
}

type eventView struct {
	Date, Title, URL string
	Symbols          []string
	Track            string
}

func (s *Server) timeline(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	base := s.opts.Brain.Base()
	q := r.URL.Query()
	f, bad := timelineFilter(q)
	b := timelineBody{Topic: f.Topic, Topics: knowledge.AllTopics()}
	if f.From != 0 {
		b.From = strconv.Itoa(f.From)
	}
	if f.To != 0 {
		b.To = strconv.Itoa(f.To)
	}
	all := base.Timeline(knowledge.TimelineFilter{})
	if len(all) > 0 {
		for y := all[0].Year(); y <= all[len(all)-1].Year(); y++ {
			b.Years = append(b.Years, y)
		}
	}
	status := http.StatusOK
	if bad {
		status = http.StatusBadRequest
		b.Problem = tr(lang, "bad.title")
	}
	events := base.Timeline(f)
	b.ChatHint = chart.Command(f, lang)
	if len(events) == 0 {
		what := chart.Command(f, lang)
		if f == (knowledge.TimelineFilter{}) {
			what = tr(lang, "timeline.title")
		}
		b.Empty = tr(lang, "timeline.none", strings.TrimPrefix(strings.TrimPrefix(what, "/timeline "), "/linimasa "))
	} else if r := s.opts.Brain.Charts(); r != nil {
		draw := func(width int, id string) template.HTML {
			c, err := r.SVG(base, chart.Request{Filter: f, Lang: lang, Width: width}, chart.SVGOptions{
				Link: func(id string) string { return link(factPath(id), lang) }, FontFamily: "Go, sans-serif", ID: id})
			if err != nil || c == nil {
				s.log.Error("drawing the timeline chart", "err", err)
				return ""
			}
			return template.HTML(c.SVG) // chart.SVG escapes every text it writes
		}
		b.Chart, b.ChartNarrow = draw(chartWidth, "chart-wide"), draw(chartNarrowWidth, "chart-narrow")
	}
	for _, e := range events {
		b.Events = append(b.Events, eventView{Date: e.Date, Title: e.Title(lang), URL: link(factPath(e.ID), lang), Symbols: e.Symbols, Track: chart.TrackOf(e)})
	}
	s.render(w, r, status, lang, "timeline", tr(lang, "timeline.title")+" — cyberdiplo", "timeline", b)
}

// timelineFilter reads from, to, year and topic (and the chat syntax in q, "2013-2021
// gge", which chat buttons link to); bad is true when a value is not understood.
func timelineFilter(q url.Values) (f knowledge.TimelineFilter, bad bool) {
	year := func(s string) int {
		s = strings.TrimSpace(s)
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1900 || n > 2100 {
			bad = true
			return 0
		}
		return n
	}
	for _, w := range strings.Fields(q.Get("q")) {
		if from, to, ok := strings.Cut(w, "-"); ok {
			f.From, f.To = year(from), year(to)
		} else if _, err := strconv.Atoi(w); err == nil {
			f.From = year(w)
			f.To = f.From
		} else if _, ok := knowledge.LookupTopic(strings.ToLower(w)); ok {
			f.Topic = strings.ToLower(w)
		} else {
			bad = true
		}
	}
	if y := year(q.Get("year")); y != 0 {
		f.From, f.To = y, y
	}
	if v := year(q.Get("from")); v != 0 {
		f.From = v
	}
	if v := year(q.Get("to")); v != 0 {
		f.To = v
	}
	if f.From != 0 && f.To != 0 && f.From > f.To {
		f.From, f.To = f.To, f.From
	}
	if t := strings.ToLower(strings.TrimSpace(q.Get("topic"))); t != "" {
		if _, ok := knowledge.LookupTopic(t); ok {
			f.Topic = t
		} else {
			bad = true
		}
	}
	return f, bad
}

// --- topics and the glossary ---

type topicsBody struct {
	Topics []topicView
}

type topicView struct {
	Key, Label, URL, TimelineURL string
	Facts                        int
}

type topicBody struct {
	Topic       knowledge.Topic
	Label       string
	Facts       []linkView
	TimelineURL string
}

func (s *Server) topics(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	var b topicsBody
	for _, tc := range s.opts.Brain.Base().TopicCounts() {
		b.Topics = append(b.Topics, topicView{Key: tc.Topic.Key, Label: tc.Topic.Label(lang), Facts: tc.Facts,
			URL: link("/topics/"+url.PathEscape(tc.Topic.Key), lang), TimelineURL: link("/timeline", lang, "topic", tc.Topic.Key)})
	}
	s.render(w, r, http.StatusOK, lang, "topics", tr(lang, "topics.title")+" — cyberdiplo", "topics", b)
}

func (s *Server) topic(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	t, ok := knowledge.LookupTopic(r.PathValue("key"))
	if !ok {
		s.notFound(w, r)
		return
	}
	b := topicBody{Topic: t, Label: t.Label(lang), TimelineURL: link("/timeline", lang, "topic", t.Key)}
	for _, f := range s.opts.Brain.Base().Facts() {
		if f.HasTopic(t.Key) {
			b.Facts = append(b.Facts, linkView{Label: f.Title(lang), URL: link(factPath(f.ID), lang)})
		}
	}
	sort.SliceStable(b.Facts, func(i, j int) bool { return strings.ToLower(b.Facts[i].Label) < strings.ToLower(b.Facts[j].Label) })
	s.render(w, r, http.StatusOK, lang, "topic", b.Label+" — cyberdiplo", "topics", b)
}

type termView struct {
	Title, Answer, URL string
}

func (s *Server) glossary(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	var terms []termView
	for _, f := range s.opts.Brain.Base().Facts() {
		if f.Kind == "term" {
			terms = append(terms, termView{Title: f.Title(lang), Answer: f.Answer(lang), URL: link(factPath(f.ID), lang)})
		}
	}
	sort.SliceStable(terms, func(i, j int) bool { return strings.ToLower(terms[i].Title) < strings.ToLower(terms[j].Title) })
	s.render(w, r, http.StatusOK, lang, "glossary", tr(lang, "define.title")+" — cyberdiplo", "glossary", terms)
}

// --- the curators' page ---

type curatorsBody struct {
	Allowed bool
	Denied  bool
	NoLog   bool
	Entries []bot.CuratorEntry
	Problem string
}

// authorized compares the presented token with web.admin_token in constant time (over
// their digests, so that not even the length leaks). The token is never logged.
func (s *Server) authorized(presented string) bool {
	if s.cfg.AdminToken == "" || presented == "" {
		return false
	}
	want := sha256.Sum256([]byte(s.cfg.AdminToken))
	got := sha256.Sum256([]byte(presented))
	return subtle.ConstantTimeCompare(want[:], got[:]) == 1
}

// cookieValue is what the curators' cookie holds: a digest of the token, so that the
// token itself is never stored in the browser, whatever characters it has.
func cookieValue(token string) string {
	sum := sha256.Sum256([]byte("cyberdiplo curator cookie\x00" + token))
	return hex.EncodeToString(sum[:])
}

// allowed reports whether r carries the admin token (Authorization: Bearer) or the
// cookie the token form set; presented is whether it carried anything.
func (s *Server) allowed(r *http.Request) (ok, presented bool) {
	if v, found := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); found {
		return s.authorized(strings.TrimSpace(v)), true
	}
	if c, err := r.Cookie(curatorCookie); err == nil && s.cfg.AdminToken != "" {
		want := cookieValue(s.cfg.AdminToken)
		return subtle.ConstantTimeCompare([]byte(want), []byte(c.Value)) == 1, true
	}
	return false, false
}

func (s *Server) curators(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.curatorsOpen(w, r)
	if !ok {
		return
	}
	if ok, presented := s.allowed(r); !ok {
		s.curatorsDenied(w, r, lang, http.StatusUnauthorized, presented)
		return
	}
	s.curatorsPage(w, r, lang)
}

// curatorsOpen starts every /curators answer: never cached, and not found when no admin
// token is set (the page does not exist then). ok is false when it has answered.
func (s *Server) curatorsOpen(w http.ResponseWriter, r *http.Request) (lang knowledge.Lang, ok bool) {
	w.Header().Set("Cache-Control", "no-store")
	if s.cfg.AdminToken == "" {
		s.notFound(w, r)
		return "", false
	}
	return langOf(r), true
}

// curatorsDenied shows the token form again; presented says a token was given and refused.
func (s *Server) curatorsDenied(w http.ResponseWriter, r *http.Request, lang knowledge.Lang, status int, presented bool) {
	s.render(w, r, status, lang, "curators", tr(lang, "cur.title"), "", curatorsBody{Denied: presented})
}

func (s *Server) curatorsPage(w http.ResponseWriter, r *http.Request, lang knowledge.Lang) {
	b := curatorsBody{Allowed: true}
	if s.opts.Log == nil {
		b.NoLog = true
	} else {
		entries, err := s.opts.Log.Unanswered(r.Context(), curatorsTop)
		if err != nil {
			s.log.Error("reading the curators' log", "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		b.Entries = entries
	}
	s.render(w, r, http.StatusOK, lang, "curators", tr(lang, "cur.title"), "", b)
}

// curatorsLogin takes the token from the form and keeps it in a cookie that only
// /curators receives (HttpOnly, SameSite=Strict; Secure when served over https).
func (s *Server) curatorsLogin(w http.ResponseWriter, r *http.Request) {
	lang, ok := s.curatorsOpen(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		status := http.StatusBadRequest
		if errors.As(err, &tooBig) {
			status = http.StatusRequestEntityTooLarge
		}
		s.curatorsDenied(w, r, lang, status, true)
		return
	}
	token := r.PostForm.Get("token")
	if !s.authorized(token) {
		s.curatorsDenied(w, r, lang, http.StatusUnauthorized, true)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: curatorCookie, Value: cookieValue(token), Path: "/curators", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: strings.HasPrefix(s.cfg.BaseURL, "https:"), MaxAge: int((8 * time.Hour).Seconds())})
	s.curatorsPage(w, r, lang)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	s.render(w, r, http.StatusNotFound, lang, "notfound", tr(lang, "nf.title"), "", homeBody{Problem: tr(lang, "nf.body")})
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
