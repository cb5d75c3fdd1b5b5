package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/cyberdiplo/cyberdiplo/adapters/console"
	"github.com/cyberdiplo/cyberdiplo/adapters/discord"
	"github.com/cyberdiplo/cyberdiplo/adapters/telegram"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/study"
	"github.com/cyberdiplo/cyberdiplo/cmd/cyberdiplo/internal/config"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// serve runs every configured adapter, or the console when none is.
func (a *app) serve(ctx context.Context, configPath string, args []string) int {
	if len(args) > 0 {
		return a.usageError(fmt.Sprintf("unexpected argument %q", args[0]))
	}
	su, code := a.setup(ctx, configPath, true)
	if code != exitOK {
		return code
	}
	defer su.close()
	cfg, log, brain := su.cfg, su.log, su.brain
	if err := a.checkTokens(cfg); err != nil {
		return a.fail("%v", err)
	}
	adapters, err := a.buildAdapters(su)
	if err != nil {
		return a.fail("%v", err)
	}
	reload, release := a.reloaderFor(cfg, log, brain)
	defer release()
	if len(adapters) == 0 {
		log.Debug("no platform token and no web.listen configured; running the console")
		defer a.startReloader(ctx, reload)()
		return a.runConsole(ctx, su)
	}
	runners := helpers(su, adapters, reload)
	names := make([]string, len(runners))
	for i, r := range runners {
		names[i] = r.Name()
	}
	log.Info("starting", "version", version, "facts", brain.Base().Len(), "adapters", strings.Join(names, ","), "storage", su.database)
	if err := runAll(ctx, log, runners); err != nil {
		return a.fail("%v", err)
	}
	log.Info("stopped")
	return exitOK
}

// buildAdapters builds the adapter of every platform with a token, and the web companion
// when it has an address.
func (a *app) buildAdapters(su *prepared) ([]Adapter, error) {
	cfg := su.cfg
	kit := adapterKit{brain: su.brain, log: su.log, metrics: su.metrics, limiter: su.limiter}
	if su.store != nil {
		kit.inbox = su.store
		kit.leader = su.store
	}
	var adapters []Adapter
	if cfg.Telegram.Token != "" {
		ad, err := a.newTelegram(cfg.Telegram, kit.named("telegram"))
		if err != nil {
			return nil, fmt.Errorf("telegram: %w", err)
		}
		adapters = append(adapters, ad)
	}
	if cfg.Discord.Token != "" {
		ad, err := a.newDiscord(cfg.Discord, kit.named("discord"))
		if err != nil {
			return nil, fmt.Errorf("discord: %w", err)
		}
		adapters = append(adapters, ad)
	}
	if cfg.Web.Listen != "" {
		ad, err := newWebServer(cfg, su, su.log.With("adapter", "web"))
		if err != nil {
			return nil, err
		}
		adapters = append(adapters, ad)
	}
	return adapters, nil
}

// helpers is what runs beside the adapters: the fact reloader, the daily facts through the
// adapters that can post, the storage watch and the ops endpoint, whose /readyz checks the
// facts, every adapter and the storage.
func helpers(su *prepared, adapters []Adapter, reload runner) []runner {
	runners := make([]runner, 0, len(adapters)+4)
	checked := make([]checker, 0, len(adapters)+1)
	senders := bot.SenderMux{}
	for _, ad := range adapters {
		runners = append(runners, ad)
		checked = append(checked, ad)
		if s, ok := ad.(bot.Sender); ok {
			senders[ad.Name()] = s
		}
	}
	runners = append(runners, reload)
	if len(senders) > 0 {
		runners = append(runners, &dailyRunner{study: su.study, senders: senders})
	}
	if su.store != nil {
		w := &storageWatch{st: su.store, interval: storageWatchInterval, log: su.log.With("runner", "storage")}
		runners = append(runners, w)
		checked = append(checked, w)
	}
	if su.cfg.Ops.Listen != "" {
		runners = append(runners, newOpsServer(su.cfg.Ops.Listen, su.metrics, su.brain, checked, su.log))
	}
	return runners
}

// Token variables, named in errors so that an operator knows what to set.
const (
	telegramTokenVar = config.EnvPrefix + "TELEGRAM_TOKEN"
	discordTokenVar  = config.EnvPrefix + "DISCORD_TOKEN"
)

// checkTokens refuses to fall back to the console when the bot is evidently meant to
// serve a platform: a token variable set but blank, a platform's settings without its
// token, the ops endpoint without any token, or no input to chat from (a service
// manager). The console would read nothing and exit 0, which a supervisor takes for a
// clean stop.
func (a *app) checkTokens(cfg *config.Config) error {
	for _, kv := range a.environ {
		name, val, _ := strings.Cut(kv, "=")
		if (name == telegramTokenVar || name == discordTokenVar) && strings.TrimSpace(val) == "" {
			return fmt.Errorf("%s is set but blank; set it to the bot token, or unset it", name)
		}
	}
	tg, dc := cfg.Telegram, cfg.Discord
	if strings.TrimSpace(tg.Token) != "" || strings.TrimSpace(dc.Token) != "" {
		return nil
	}
	tg.Token, dc.Token = "", ""
	switch {
	case tg != telegram.Config{}:
		return fmt.Errorf("telegram settings are present but telegram.token is empty; set %s", telegramTokenVar)
	case !reflect.DeepEqual(dc, discord.Config{}):
		return fmt.Errorf("discord settings are present but discord.token is empty; set %s", discordTokenVar)
	case cfg.Web.Listen != "":
		// The web companion alone is a deployment of its own (issue 13's contract).
		return nil
	case cfg.Ops.Listen != "":
		return fmt.Errorf("ops.listen is set but no platform token is: set %s or %s", telegramTokenVar, discordTokenVar)
	case a.noInput:
		return fmt.Errorf("no platform token is set (%s or %s) and there is no input for the console", telegramTokenVar, discordTokenVar)
	}
	return nil
}

// runAll runs the runners until ctx is cancelled; when one fails, the others are
// stopped too. A runner that ends because ctx was cancelled is not an error.
func runAll(ctx context.Context, log *slog.Logger, runners []runner) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for _, r := range runners {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := r.Run(ctx)
			switch {
			case err == nil, ctx.Err() != nil && errors.Is(err, context.Canceled):
				log.Info("stopped", "runner", r.Name())
			default:
				log.Error("failed", "runner", r.Name(), "err", err)
				mu.Lock()
				errs = append(errs, fmt.Errorf("%s: %w", r.Name(), err))
				mu.Unlock()
				cancel()
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// dailyRunner sends the chats' daily facts through the adapters that can post.
type dailyRunner struct {
	study   *study.Feature
	senders bot.SenderMux
}

func (d *dailyRunner) Name() string { return "daily" }

func (d *dailyRunner) Run(ctx context.Context) error { return d.study.RunDaily(ctx, d.senders, 0) }

func (a *app) console(ctx context.Context, configPath string, args []string) int {
	if len(args) > 0 {
		return a.usageError(fmt.Sprintf("console: unexpected argument %q", args[0]))
	}
	su, code := a.setup(ctx, configPath, true)
	if code != exitOK {
		return code
	}
	defer su.close()
	cfg, log, brain := su.cfg, su.log, su.brain
	reload, release := a.reloaderFor(cfg, log, brain)
	defer release()
	defer a.startReloader(ctx, reload)()
	return a.runConsole(ctx, su)
}

// runConsole chats in the terminal. An interactive session also prints the console
// chat's daily fact when it falls due (after /daily on). A piped session does not, so
// that a script's output depends only on its input; a fact due then is not lost, since
// it is claimed only when sent, and the next interactive session prints it.
func (a *app) runConsole(ctx context.Context, su *prepared) int {
	c := console.New(su.brain, a.stdin, a.stdout, console.Options{
		Interactive: a.terminal,
		LocaleHint:  localeHint(a.environ),
		UserName:    userName(a.environ),
	})
	if a.terminal {
		dailyCtx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			select {
			case <-c.Started(): // a due fact comes after the greeting, not before it
			case <-dailyCtx.Done():
				return
			}
			_ = su.study.RunDaily(dailyCtx, bot.SenderMux{console.Platform: c}, 0) // returns only when dailyCtx ends
		}()
		defer func() {
			cancel()
			<-done
		}()
	}
	if err := c.Run(ctx); err != nil {
		return a.fail("%v", err)
	}
	return exitOK
}

// askResult is one line of `ask --json`; the field names are a published contract.
type askResult struct {
	Question    string          `json:"question"`
	Answered    bool            `json:"answered"`
	FactID      string          `json:"fact_id"`
	Score       float64         `json:"score"`
	Lang        string          `json:"lang"`
	Text        string          `json:"text"`
	Sources     []askSource     `json:"sources"`
	Suggestions []askSuggestion `json:"suggestions"`
	// FactIDs are every fact the reply answers from (several for a composed answer).
	FactIDs []string `json:"fact_ids"`
	// Act is how the message was understood (bot.Act values).
	Act string `json:"act"`
}

type askSource struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

type askSuggestion struct {
	FactID string `json:"fact_id"`
	Title  string `json:"title"`
}

// parseInterspersed parses flags that may come before or after positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func (a *app) ask(ctx context.Context, configPath string, args []string) int {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "one JSON object per question")
	langFlag := fs.String("lang", "", "reply language: id or en (default: the question's)")
	chat := fs.Bool("chat", false, "read the lines as consecutive messages of one chat (follow-ups, quiz answers and requests about the last answer apply)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return a.usageError("ask: " + err.Error())
	}
	var lang knowledge.Lang
	if *langFlag != "" {
		l, ok := knowledge.ParseLang(*langFlag)
		if !ok {
			return a.usageError(fmt.Sprintf("ask: --lang %q: want id or en", *langFlag))
		}
		lang = l
	}
	// ask never opens the database: with --chat, the one chat lives in memory for the run.
	su, code := a.setup(ctx, configPath, false)
	if code != exitOK {
		return code
	}
	brain := su.brain
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	n := 0
	answerOne := func(q string) error {
		var ans bot.Answer
		if *chat {
			ans = brain.Converse(ctx, "cli:ask", q, lang)
		} else {
			ans = brain.Ask(ctx, q, lang)
		}
		if !*asJSON {
			sep := ""
			if n > 0 {
				sep = "\n"
			}
			n++
			_, err := fmt.Fprintf(a.stdout, "%s%s\n", sep, bot.PlainTextWithButtons(ans.Reply))
			return err
		}
		return enc.Encode(toAskResult(q, ans))
	}
	if len(pos) > 0 {
		if err := answerOne(strings.Join(pos, " ")); err != nil {
			return a.fail("writing: %v", err)
		}
		return exitOK
	}
	lines := newLineReader(a.stdin, maxAskLine)
	for {
		q, err := lines.next()
		if err == io.EOF {
			return exitOK
		}
		if err != nil {
			return a.fail("reading standard input: %v", err)
		}
		if ctx.Err() != nil {
			return exitFail
		}
		q = strings.TrimRight(q, "\r")
		if strings.TrimSpace(q) == "" {
			continue
		}
		if err := answerOne(q); err != nil {
			return a.fail("writing: %v", err)
		}
	}
}

// maxAskLine is how much of one input line ask keeps, like the console: the bot refuses a
// question that long anyway, and an unbounded line must neither abort the batch nor fill
// memory.
const maxAskLine = 64 << 10

// lineReader reads lines of any length, keeping at most limit bytes of each.
type lineReader struct {
	br    *bufio.Reader
	limit int
}

func newLineReader(r io.Reader, limit int) *lineReader {
	return &lineReader{br: bufio.NewReader(r), limit: limit}
}

// next returns the next line without its newline; io.EOF once no line is left (a last
// line without a newline is still returned first).
func (l *lineReader) next() (string, error) {
	var buf []byte
	for {
		chunk, more, err := l.br.ReadLine()
		if len(buf) < l.limit {
			buf = append(buf, chunk[:min(len(chunk), l.limit-len(buf))]...)
		}
		if err != nil {
			if len(buf) > 0 && err == io.EOF {
				return string(buf), nil
			}
			return "", err
		}
		if !more {
			return string(buf), nil
		}
	}
}

// answersFromFacts: only a question or a follow-up answered from the fact base counts
// as answered; a quiz reveal, a request about the last answer, small talk, an opinion
// note or a correction of something that does not exist do not.
func answersFromFacts(ans bot.Answer) bool {
	if !ans.Answered() {
		return false
	}
	act := ans.Reply.Outcome.Act
	return act == bot.ActQuestion || act == bot.ActFollowUp
}

func toAskResult(q string, ans bot.Answer) askResult {
	out := askResult{
		Question:    q,
		Answered:    answersFromFacts(ans),
		Lang:        string(ans.Lang),
		Text:        bot.PlainTextWithButtons(ans.Reply),
		Sources:     []askSource{},
		Suggestions: []askSuggestion{},
		FactIDs:     []string{},
	}
	if ans.Reply != nil {
		out.Act = string(ans.Reply.Outcome.Act)
		out.FactIDs = append(out.FactIDs, ans.Reply.Outcome.FactIDs...)
	}
	if len(ans.Result.Candidates) > 0 {
		out.Score = ans.Result.Candidates[0].Score
	}
	if out.Answered {
		out.FactID = ans.Reply.FactID
		out.Score = ans.Result.Best.Score
		if ans.Reply.Outcome.Score > 0 {
			out.Score = ans.Reply.Outcome.Score // composed answers score their parts
		}
		for _, s := range ans.Reply.Sources {
			out.Sources = append(out.Sources, askSource{Title: s.Label(), URL: s.URL})
		}
	}
	for _, f := range ans.Result.Suggestions {
		if f != nil && !out.Answered {
			out.Suggestions = append(out.Suggestions, askSuggestion{FactID: f.ID, Title: f.Title(ans.Lang)})
		}
	}
	if out.Answered && len(out.FactIDs) == 0 && out.FactID != "" {
		out.FactIDs = []string{out.FactID}
	}
	return out
}

func (a *app) facts(configPath string, args []string) int {
	if len(args) == 0 {
		return a.usageError("facts: want check [DIR] or export --json")
	}
	switch args[0] {
	case "check":
		return a.factsCheck(args[1:])
	case "export":
		return a.factsExport(configPath, args[1:])
	}
	return a.usageError(fmt.Sprintf("facts: unknown subcommand %q", args[0]))
}

func (a *app) factsCheck(args []string) int {
	if len(args) > 1 {
		return a.usageError("facts check: at most one directory")
	}
	where := "embedded fact base"
	var base *knowledge.Base
	var err error
	if len(args) == 1 {
		where = args[0]
		fi, serr := os.Stat(where)
		switch {
		case serr != nil:
			return a.fail("facts check: %v", serr)
		case !fi.IsDir():
			return a.fail("facts check: %s is not a directory", where)
		}
		base, err = knowledge.Load(os.DirFS(where))
		if own, ok := checkAsPack(where, err); ok {
			return a.checkOK(where+" (a fact pack over the embedded base)", own)
		}
	} else {
		base, err = knowledge.Embedded()
	}
	if err != nil {
		var verr *knowledge.ValidationError
		if errors.As(err, &verr) {
			fmt.Fprintf(a.stdout, "%s: %d problem(s):\n", where, len(verr.Problems))
			for _, p := range verr.Problems {
				fmt.Fprintf(a.stdout, "  %s\n", p)
			}
			return exitFail
		}
		return a.fail("facts check: %v", err)
	}
	return a.checkOK(where, base.Facts())
}

// checkOK reports a sound set of fact files.
func (a *app) checkOK(where string, facts []*knowledge.Fact) int {
	files := map[string]bool{}
	timeline := 0
	for _, f := range facts {
		files[f.File] = true
		if f.Timeline {
			timeline++
		}
	}
	fmt.Fprintf(a.stdout, "%s: ok — %d facts in %d file(s), %d on the timeline\n", where, len(facts), len(files), timeline)
	return exitOK
}

// exportDoc is the shape of `facts export --json`.
type exportDoc struct {
	Count  int               `json:"count"`
	Topics []knowledge.Topic `json:"topics"`
	Facts  []*knowledge.Fact `json:"facts"`
}

func (a *app) factsExport(configPath string, args []string) int {
	fs := flag.NewFlagSet("facts export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "JSON output")
	if err := fs.Parse(args); err != nil {
		return a.usageError("facts export: " + err.Error())
	}
	if !*asJSON || fs.NArg() > 0 {
		return a.usageError("facts export: the only format is --json")
	}
	su, code := a.setup(context.Background(), configPath, false)
	if code != exitOK {
		return code
	}
	brain := su.brain
	facts := append([]*knowledge.Fact(nil), brain.Base().Facts()...)
	sort.SliceStable(facts, func(i, j int) bool { return facts[i].ID < facts[j].ID })
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(exportDoc{Count: len(facts), Topics: knowledge.AllTopics(), Facts: facts}); err != nil {
		return a.fail("writing: %v", err)
	}
	return exitOK
}
