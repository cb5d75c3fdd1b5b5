package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/adapters/discord"
	"github.com/cyberdiplo/cyberdiplo/adapters/telegram"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// result is what one in-process run of the program produced.
type result struct {
	code           int
	stdout, stderr string
}

// TestMain points the user's data directory into a temporary one, so that no test
// (nor a program run it starts) ever writes the developer's or CI's real database.
// Tests that run the program also give it a database of their own (isolate).
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "cyberdiplo-test-data-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_DATA_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	if binaryDir != "" {
		os.RemoveAll(binaryDir)
	}
	os.Exit(code)
}

// isolate gives a program run its own default database, so that chat state never
// leaks from one test into another.
func isolate(t *testing.T, a *app) {
	t.Helper()
	if a.defaultDatabase == nil {
		p := filepath.Join(t.TempDir(), "data", "cyberdiplo", "cyberdiplo.db")
		a.defaultDatabase = func() (string, error) { return p, nil }
	}
}

// runCLI runs the program in-process with the given stdin and environment, in a
// directory without a config.toml so that the developer's own file cannot interfere.
func runCLI(t *testing.T, a *app, stdin string, args ...string) result {
	t.Helper()
	isolate(t, a)
	t.Chdir(t.TempDir())
	var out, errb bytes.Buffer
	a.stdin = strings.NewReader(stdin)
	a.stdout, a.stderr = &out, &errb
	code := a.run(context.Background(), args)
	return result{code, out.String(), errb.String()}
}

func cli(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return runCLI(t, &app{}, stdin, args...)
}

func abs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "c.toml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func embedded(t *testing.T) *knowledge.Base {
	t.Helper()
	b, err := knowledge.Embedded()
	if err != nil {
		t.Fatalf("embedded base: %v", err)
	}
	return b
}

func TestCommands(t *testing.T) {
	broken := abs(t, "testdata/broken")
	testFacts := abs(t, "../../bot/testdata/facts")
	tests := []struct {
		name     string
		stdin    string
		args     []string
		env      []string
		code     int
		stdout   []string
		stderr   []string
		noOut    bool
		noInErr  []string
		noOutHas []string
	}{
		{name: "version", args: []string{"version"}, stdout: []string{"cyberdiplo dev"}},
		{name: "help", args: []string{"help"}, stdout: []string{"ask [--json] [--chat] [--lang id|en] [QUESTION]", "CYBERDIPLO_TELEGRAM_TOKEN"}},
		{name: "-h", args: []string{"-h"}, stdout: []string{"Usage:"}},
		{name: "unknown command", args: []string{"serve-forever"}, code: exitUsage, stderr: []string{`unknown command "serve-forever"`, "Usage:"}},
		{name: "unknown flag", args: []string{"--verbose"}, code: exitUsage, stderr: []string{"flag provided but not defined: -verbose"}},
		{name: "console prints the 2015 timeline page", stdin: "/timeline 2015\n", args: []string{"console"},
			stdout: []string{"Timeline 2015", "2015-07-22", "A/70/174", "2015-12-23", "A/RES/70/237"}, noInErr: []string{"panic"}},
		{name: "no tokens: the console on the embedded base", stdin: "/help\n/linimasa 2015\n", args: nil,
			stdout: []string{"/ask <question>", "Linimasa 2015", "A/RES/70/237"}},
		{name: "console takes no arguments", args: []string{"console", "extra"}, code: exitUsage},
		{name: "facts check embedded", args: []string{"facts", "check"}, stdout: []string{"embedded fact base: ok"}},
		{name: "facts check a good directory", args: []string{"facts", "check", testFacts}, stdout: []string{": ok — 8 facts in 1 file(s), 6 on the timeline"}},
		{name: "facts check a broken directory", args: []string{"facts", "check", broken}, code: exitFail, stdout: []string{
			"broken.toml: fact broken-example: date: \"2015-13-40\" is not a valid",
			"broken.toml: fact broken-example: answer_id: missing",
			"broken.toml: fact broken-example: questions_id: 2 phrasing(s), at least 3 required",
			"broken.toml: fact broken-example: sources[0].url: \"http://example.org/report\" is not an https URL",
			"broken.toml: fact broken-example: sources: symbol A/70/174 is named but not linked",
			"broken.toml: fact broken-example: related: unknown fact id \"no-such-fact\"",
		}},
		{name: "facts check a missing directory", args: []string{"facts", "check", "/nonexistent/facts"}, code: exitFail, stderr: []string{"no such file"}},
		{name: "facts without subcommand", args: []string{"facts"}, code: exitUsage},
		{name: "facts export needs --json", args: []string{"facts", "export"}, code: exitUsage, stderr: []string{"--json"}},
		{name: "broken extra facts never start the bot", stdin: "/help\n", args: nil, env: []string{"CYBERDIPLO_KNOWLEDGE_EXTRA_DIRS=" + broken},
			code: exitFail, noOut: true, stderr: []string{"problem(s)", "broken.toml: fact broken-example: answer_id: missing"}},
		{name: "extra facts may not redefine embedded ids", args: []string{"console"}, env: []string{"CYBERDIPLO_KNOWLEDGE_EXTRA_DIRS=" + testFacts},
			code: exitFail, noOut: true, stderr: []string{"id: duplicate"}},
		{name: "unknown config key", args: []string{"--config", writeConfig(t, "[telegram]\ntokn = \"123:abc\"\n"), "console"},
			code: exitFail, noOut: true, stderr: []string{"unknown key(s): telegram.tokn"}},
		{name: "missing config file", args: []string{"--config", "/nonexistent.toml", "console"}, code: exitFail, stderr: []string{"configuration"}},
		{name: "bad environment value", args: []string{"console"}, env: []string{"CYBERDIPLO_BOT_MAX_QUESTION_RUNES=lots"},
			code: exitFail, stderr: []string{"CYBERDIPLO_BOT_MAX_QUESTION_RUNES"}},
		{name: "ask one question in words", args: []string{"ask", "Who", "won", "the", "2022", "World", "Cup?"}, stdout: []string{"I"}, noOutHas: []string{"Sources:", "{"}},
		{name: "ask with a bad language", args: []string{"ask", "--lang", "fr", "x"}, code: exitUsage, stderr: []string{`--lang "fr"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, &app{environ: tc.env}, tc.stdin, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			for _, s := range tc.stdout {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
				}
			}
			for _, s := range tc.stderr {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
				}
			}
			if tc.noOut && r.stdout != "" {
				t.Errorf("stdout should be empty:\n%s", r.stdout)
			}
			for _, s := range tc.noOutHas {
				if strings.Contains(r.stdout, s) {
					t.Errorf("stdout has %q:\n%s", s, r.stdout)
				}
			}
			for _, s := range tc.noInErr {
				if strings.Contains(r.stderr, s) {
					t.Errorf("stderr has %q:\n%s", s, r.stderr)
				}
			}
		})
	}
}

// validActs are the values of ask --json's act field (a published contract).
var validActs = map[string]bool{"question": true, "followup": true, "smalltalk": true, "command": true, "quiz_answer": true,
	"last_answer": true, "opinion": true, "offtopic": true, "unknown_thing": true}

// TestAskChat: with --chat the lines are one conversation, so a follow-up, a request
// for sources in words and a greeting are understood as such; without it each line
// stands alone and the follow-up has nothing to lean on.
func TestAskChat(t *testing.T) {
	dialog := []struct{ msg, act string }{
		{"siapa ketua OEWG pertama?", "question"},
		{"kapan dibentuk?", "followup"},
		{"sumbernya apa?", "last_answer"},
		{"pagi semua", "smalltalk"},
		{"GGE itu apa?", "question"},
		{"should Indonesia ratify the cybercrime convention?", "opinion"},
	}
	var stdin strings.Builder
	for _, d := range dialog {
		stdin.WriteString(d.msg + "\n")
	}
	for _, chat := range []bool{true, false} {
		args := []string{"ask", "--json"}
		if chat {
			args = append(args, "--chat")
		}
		r := cli(t, stdin.String(), args...)
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
		if len(lines) != len(dialog) {
			t.Fatalf("%d lines for %d messages", len(lines), len(dialog))
		}
		got := make([]askResult, len(lines))
		for i, l := range lines {
			if err := json.Unmarshal([]byte(l), &got[i]); err != nil {
				t.Fatal(err)
			}
			if !validActs[got[i].Act] {
				t.Errorf("chat=%v line %d: act %q", chat, i+1, got[i].Act)
			}
		}
		if !chat {
			if got[1].Answered || got[1].Act == "followup" {
				t.Errorf("without --chat a bare follow-up was answered: %+v", got[1])
			}
			continue
		}
		for i, d := range dialog {
			if got[i].Act != d.act {
				t.Errorf("--chat %q: act %q, want %q", d.msg, got[i].Act, d.act)
			}
		}
		if !got[1].Answered || got[1].FactID != "oewg-2019-2021" {
			t.Errorf("follow-up after the first OEWG's chair answered %q, want the first OEWG", got[1].FactID)
		}
		if got[2].Answered || !strings.Contains(got[2].Text, "docs.un.org") {
			t.Errorf("sources in words: %+v", got[2])
		}
		if !got[4].Answered || got[4].FactID != "gge-overview" {
			t.Errorf("a new question with itu was not answered on its own subject: %+v", got[4])
		}
		if got[5].Answered || got[3].Answered {
			t.Errorf("an opinion or a greeting counted as answered")
		}
	}
}

// TestAskJSON checks the published shape of `ask --json` and that its fields agree.
func TestAskJSON(t *testing.T) {
	base := embedded(t)
	f, ok := base.Get("gge-2015-report")
	if !ok {
		t.Skip("embedded base has no gge-2015-report")
	}
	questions := append([]string{}, f.QuestionsEN...)
	questions = append(questions, f.QuestionsID...)
	offTopic := []string{"Who won the 2022 World Cup?", "qwxz vbnm plkj"}
	stdin := strings.Join(append(questions, offTopic...), "\n") + "\n"
	r := cli(t, stdin, "ask", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	if len(lines) != len(questions)+len(offTopic) {
		t.Fatalf("%d lines for %d questions:\n%s", len(lines), len(questions)+len(offTopic), r.stdout)
	}
	wantKeys := []string{"act", "answered", "fact_id", "fact_ids", "lang", "question", "score", "sources", "suggestions", "text"}
	answered := 0
	for i, line := range lines {
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &raw); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", i+1, err, line)
		}
		var keys []string
		for k := range raw {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if !reflect.DeepEqual(keys, wantKeys) {
			t.Errorf("line %d keys %v, want %v", i+1, keys, wantKeys)
		}
		var res askResult
		if err := json.Unmarshal([]byte(line), &res); err != nil {
			t.Fatal(err)
		}
		if want := strings.Split(strings.TrimRight(stdin, "\n"), "\n")[i]; res.Question != want {
			t.Errorf("line %d question %q, want %q", i+1, res.Question, want)
		}
		if res.Lang != "en" && res.Lang != "id" || res.Text == "" {
			t.Errorf("line %d: lang %q, text %q", i+1, res.Lang, res.Text)
		}
		if !validActs[res.Act] {
			t.Errorf("line %d: act %q is not a published act", i+1, res.Act)
		}
		if res.Answered {
			answered++
			if !slices.Contains(res.FactIDs, res.FactID) || res.Act != "question" {
				t.Errorf("answered line %d: fact_ids %v, act %q", i+1, res.FactIDs, res.Act)
			}
			if res.FactID == "" || len(res.Sources) == 0 || res.Score <= 0 || len(res.Suggestions) != 0 {
				t.Errorf("answered line %d is inconsistent: %+v", i+1, res)
			}
			for _, s := range res.Sources {
				if !strings.HasPrefix(s.URL, "https://") || !strings.Contains(res.Text, s.URL) {
					t.Errorf("line %d: source %+v not shown in the text", i+1, s)
				}
			}
		} else if res.FactID != "" || len(res.Sources) != 0 {
			t.Errorf("refusal line %d names a fact or sources: %+v", i+1, res)
		}
	}
	for i := len(questions); i < len(lines); i++ {
		if strings.Contains(lines[i], `"answered":true`) {
			t.Errorf("off-topic question answered: %s", lines[i])
		}
	}
	if answered == 0 {
		t.Errorf("none of the fact's own curated phrasings was answered:\n%s", r.stdout)
	}
	// The forced language shows in the reply.
	r = cli(t, "", "ask", "--json", "--lang", "id", "Who won the 2022 World Cup?")
	if !strings.Contains(r.stdout, `"lang":"id"`) || !strings.Contains(r.stdout, "saya") || !strings.Contains(r.stdout, `"answered":false`) {
		t.Errorf("--lang id: %s", r.stdout)
	}
	// Flags may follow the question.
	r = cli(t, "", "ask", "Who won the 2022 World Cup?", "--json")
	if !strings.HasPrefix(r.stdout, `{"question":"Who won the 2022 World Cup?"`) {
		t.Errorf("flag after the question: %s", r.stdout)
	}
}

func TestFactsExport(t *testing.T) {
	r := cli(t, "", "facts", "export", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var doc struct {
		Count  int               `json:"count"`
		Topics []knowledge.Topic `json:"topics"`
		Facts  []knowledge.Fact  `json:"facts"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	base := embedded(t)
	if doc.Count != base.Len() || len(doc.Facts) != base.Len() || len(doc.Topics) == 0 {
		t.Errorf("exported %d/%d facts, base has %d", doc.Count, len(doc.Facts), base.Len())
	}
	for _, f := range doc.Facts {
		if f.ID == "" || f.AnswerEN == "" || f.AnswerID == "" || len(f.Sources) == 0 {
			t.Errorf("incomplete fact in export: %+v", f)
		}
	}
}

// fakeRunner stands in for a platform adapter.
type fakeRunner struct {
	name    string
	fail    error
	started chan struct{}
}

func (f *fakeRunner) Name() string { return f.name }

func (f *fakeRunner) Ready(context.Context) error { return nil }

func (f *fakeRunner) Run(ctx context.Context) error {
	close(f.started)
	if f.fail != nil {
		return f.fail
	}
	<-ctx.Done()
	return ctx.Err()
}

func TestServeRunsConfiguredAdapters(t *testing.T) {
	const tgToken = "123456:SECRET-telegram-token"
	const dcToken = "SECRET.discord.token"
	tests := []struct {
		name      string
		env       []string
		telegram  bool
		discord   bool
		failWith  error
		wantCode  int
		wantInErr string
	}{
		{name: "telegram only", env: []string{"CYBERDIPLO_TELEGRAM_TOKEN=" + tgToken}, telegram: true},
		{name: "discord only", env: []string{"CYBERDIPLO_DISCORD_TOKEN=" + dcToken}, discord: true},
		{name: "both", env: []string{"CYBERDIPLO_TELEGRAM_TOKEN=" + tgToken, "CYBERDIPLO_DISCORD_TOKEN=" + dcToken}, telegram: true, discord: true},
		{name: "a failing adapter stops the others", env: []string{"CYBERDIPLO_TELEGRAM_TOKEN=" + tgToken, "CYBERDIPLO_DISCORD_TOKEN=" + dcToken},
			telegram: true, discord: true, failWith: errors.New("gateway refused"), wantCode: exitFail, wantInErr: "discord: gateway refused"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			created := make(chan *fakeRunner, 2)
			var gotTG telegram.Config
			var gotDC discord.Config
			a := &app{environ: tc.env,
				newTelegram: func(c telegram.Config, _ adapterKit) (Adapter, error) {
					gotTG = c
					r := &fakeRunner{name: "telegram", started: make(chan struct{})}
					created <- r
					return r, nil
				},
				newDiscord: func(c discord.Config, _ adapterKit) (Adapter, error) {
					gotDC = c
					r := &fakeRunner{name: "discord", fail: tc.failWith, started: make(chan struct{})}
					created <- r
					return r, nil
				},
			}
			isolate(t, a)
			t.Chdir(t.TempDir())
			var out, errb bytes.Buffer
			a.stdin, a.stdout, a.stderr = strings.NewReader(""), &out, &errb
			done := make(chan int, 1)
			go func() { done <- a.run(ctx, nil) }()
			if tc.failWith == nil {
				// Wait until every adapter runs, then shut down as SIGTERM would.
				for i := 0; i < btoi(tc.telegram)+btoi(tc.discord); i++ {
					<-(<-created).started
				}
				cancel()
			}
			code := <-done
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.wantCode, errb.String())
			}
			if tc.telegram && gotTG.Token != tgToken || !tc.telegram && gotTG.Token != "" {
				t.Errorf("telegram started = %v with token set = %v", gotTG.Token != "", tc.telegram)
			}
			if tc.discord && gotDC.Token != dcToken || !tc.discord && gotDC.Token != "" {
				t.Errorf("discord started = %v, want %v", gotDC.Token != "", tc.discord)
			}
			if tc.wantInErr != "" && !strings.Contains(errb.String(), tc.wantInErr) {
				t.Errorf("stderr lacks %q:\n%s", tc.wantInErr, errb.String())
			}
			if strings.Contains(errb.String(), "SECRET") || strings.Contains(out.String(), "SECRET") {
				t.Errorf("a token leaked into the output:\n%s%s", out.String(), errb.String())
			}
			if out.Len() != 0 {
				t.Errorf("the console ran although an adapter was configured:\n%s", out.String())
			}
		})
	}
}

// sendingRunner is an adapter that can also post on its own.
type sendingRunner struct {
	fakeRunner
}

func (s *sendingRunner) Send(context.Context, string, *bot.Reply) error { return nil }

// TestServeStartsDailyFactsWithASender checks that the daily-fact loop runs beside an
// adapter that can post, and stops with it.
func TestServeStartsDailyFactsWithASender(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	created := make(chan *sendingRunner, 1)
	a := &app{environ: []string{"CYBERDIPLO_TELEGRAM_TOKEN=1:x", "CYBERDIPLO_LOG_LEVEL=info"},
		newTelegram: func(telegram.Config, adapterKit) (Adapter, error) {
			r := &sendingRunner{fakeRunner{name: "telegram", started: make(chan struct{})}}
			created <- r
			return r, nil
		}}
	isolate(t, a)
	t.Chdir(t.TempDir())
	var out, errb bytes.Buffer
	a.stdin, a.stdout, a.stderr = strings.NewReader(""), &out, &errb
	done := make(chan int, 1)
	go func() { done <- a.run(ctx, nil) }()
	<-(<-created).started
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "adapters=telegram,reload,daily") || !strings.Contains(errb.String(), "runner=daily") {
		t.Errorf("the daily runner did not run:\n%s", errb.String())
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestStoragePersistsChatState runs the console twice on one database: the language
// chosen in the first session holds in the second.
func TestStoragePersistsChatState(t *testing.T) {
	db := filepath.Join(t.TempDir(), "state", "cyberdiplo.db")
	env := []string{"CYBERDIPLO_STORAGE_PATH=" + db}
	if r := runCLI(t, &app{environ: env}, "/lang id\n", "console"); r.code != 0 || !strings.Contains(r.stdout, "bahasa Indonesia") {
		t.Fatalf("first session: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, &app{environ: env}, "/help\n", "console"); !strings.Contains(r.stdout, "Daftar perintah") {
		t.Errorf("the language choice was not kept:\n%s%s", r.stdout, r.stderr)
	}
	if r := runCLI(t, &app{environ: []string{"CYBERDIPLO_STORAGE_PATH=" + t.TempDir()}}, "/help\n", "console"); r.code != exitFail || r.stdout != "" {
		t.Errorf("a directory as database: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestLocaleHint(t *testing.T) {
	tests := []struct {
		env  []string
		want string
	}{
		{[]string{"LANG=id_ID.UTF-8"}, "id_ID.UTF-8"},
		{[]string{"LANG=en_US.UTF-8", "LC_ALL=id_ID.UTF-8"}, "id_ID.UTF-8"},
		{[]string{"LC_MESSAGES=en_GB", "LANG=id_ID"}, "en_GB"},
		{nil, ""},
	}
	for _, tc := range tests {
		if got := localeHint(tc.env); got != tc.want {
			t.Errorf("localeHint(%v) = %q, want %q", tc.env, got, tc.want)
		}
	}
	r := runCLI(t, &app{environ: []string{"LANG=id_ID.UTF-8"}}, "/help\n", "console")
	if !strings.Contains(r.stdout, "Daftar perintah") {
		t.Errorf("an Indonesian locale did not give Indonesian help:\n%s", r.stdout)
	}
}

func TestConsolePlayerName(t *testing.T) {
	tests := []struct {
		env  []string
		want string
	}{
		{[]string{"USER=ayu", "LOGNAME=x"}, "1. ayu — "},
		{[]string{"LOGNAME=budi"}, "1. budi — "},
		{nil, "1. console — "},
	}
	for _, tc := range tests {
		// Answer a quiz round, whatever its question, then read the board.
		r := runCLI(t, &app{environ: tc.env}, "/quiz\n/quiz answer 1 0\n/leaderboard\n", "console")
		if r.code != exitOK || !strings.Contains(r.stdout, tc.want+"0 of 1 correct") && !strings.Contains(r.stdout, tc.want+"1 of 1 correct") {
			t.Errorf("env %v: leaderboard lacks %q:\n%s%s", tc.env, tc.want, r.stdout, r.stderr)
		}
	}
}

// inboxRunner is an adapter that keeps its updates in an inbox.
type inboxRunner struct {
	fakeRunner
	inbox   telegram.Inbox
	limiter telegram.Limiter
}

// TestServeGivesTheAdapterADurableInbox: with chat state in a file, the Telegram adapter
// keeps its updates there, so what it acknowledged survives a stop; in memory it has none.
func TestServeGivesTheAdapterADurableInbox(t *testing.T) {
	for _, tc := range []struct {
		name    string
		storage string
		durable bool
	}{
		{"database file", "", true},
		{"memory", ":memory:", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			env := []string{"CYBERDIPLO_TELEGRAM_TOKEN=123456:SECRET-telegram-token"}
			if tc.storage != "" {
				env = append(env, "CYBERDIPLO_STORAGE_PATH="+tc.storage)
			}
			r := &inboxRunner{fakeRunner: fakeRunner{name: "telegram", started: make(chan struct{})}}
			a := &app{environ: env, newTelegram: func(_ telegram.Config, k adapterKit) (Adapter, error) {
				// What serve hands the adapter: the inbox only with a database, always the limiter.
				r.inbox, r.limiter = k.inbox, k.limiter
				return r, nil
			}}
			isolate(t, a)
			t.Chdir(t.TempDir())
			var out, errb bytes.Buffer
			a.stdin, a.stdout, a.stderr = strings.NewReader(""), &out, &errb
			done := make(chan int, 1)
			go func() { done <- a.run(ctx, nil) }()
			<-r.started
			cancel()
			if code := <-done; code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if got := r.inbox != nil; got != tc.durable {
				t.Errorf("durable inbox given: %v, want %v", got, tc.durable)
			}
			if r.limiter == nil {
				t.Error("the adapter was not given the flood limiter (for inline queries)")
			}
		})
	}
}
