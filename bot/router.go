package bot

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Command is one slash command: its names, its menu texts and its handler. Handlers
// read the argument with Args and the reply language with LangFrom.
type Command struct {
	Name string // canonical name without slash, lowercase: "timeline"
	// Aliases are other names that mean the same in any language.
	Aliases []string
	// AliasesID are Indonesian names ("linimasa"); using one makes Indonesian the
	// reply language unless the chat chose another with /lang.
	AliasesID []string
	// DescriptionEN and DescriptionID are menu texts of at most 100 characters.
	DescriptionEN, DescriptionID string
	// Arg names the free-text argument ("question", "id"), empty when none.
	Arg string
	// UsageEN and UsageID show the arguments in /help ("[year | from-to | topic] [page]").
	UsageEN, UsageID string
	// Args are the arguments as typed inputs, for platforms that offer them (Discord's
	// slash-command options); CommandInfo.Line writes their values as a command line.
	Args []ArgSpec
	// Platforms are the platforms whose menus list the command; empty means all. Every
	// platform still understands it when typed (/start is a Telegram convention).
	Platforms []string
	// Visibility says who sees the replies where a platform can keep them private.
	Visibility Visibility
	// Hidden keeps the command out of /help and platform menus.
	Hidden bool
	// AdminOnly, when set, tells from the argument whether this use changes the chat's
	// settings, which in a group only an admin may do (/mute; /daily with arguments).
	// The router refuses the others with AdminText, before the handler runs.
	AdminOnly func(args string) bool
	// AdminText is the catalogue key of that refusal; empty means "admin.only".
	AdminText string
	// HeardWhileMuted lets an admin's use of the command through in a muted chat
	// (/mute, /unmute); everything else meets silence there.
	HeardWhileMuted bool
	// SetsLastAnswer makes an answer to the command the chat's last answer, as an
	// answer to a question is (/fact, /define; see Bot.RememberAnswer).
	SetsLastAnswer bool
	// Handler answers the command.
	Handler Handler
}

// Router dispatches "/name args" messages to commands and everything else to the
// question handler, like http.ServeMux dispatches paths. It is safe for concurrent use.
type Router struct {
	mu       sync.RWMutex
	byName   map[string]*Command
	ordered  []*Command
	question Handler
	unknown  func(ctx context.Context, m *Message, name string) *Reply
}

// NewRouter returns an empty router; question answers text that is not a command.
func NewRouter(question Handler) *Router {
	return &Router{byName: map[string]*Command{}, question: question}
}

// Register adds commands. A name or alias used twice, or a malformed command, is a
// programming error and panics, as http.ServeMux does.
func (r *Router) Register(cmds ...Command) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range cmds {
		c := cmds[i]
		if c.Handler == nil {
			panic(fmt.Sprintf("bot: command %q has no handler", c.Name))
		}
		if n := utf8.RuneCountInString(c.DescriptionEN); n > 100 || n == 0 {
			panic(fmt.Sprintf("bot: command %q: English description must be 1–100 characters", c.Name))
		}
		if n := utf8.RuneCountInString(c.DescriptionID); n > 100 || n == 0 {
			panic(fmt.Sprintf("bot: command %q: Indonesian description must be 1–100 characters", c.Name))
		}
		for _, a := range c.Args {
			if !validCommandName(a.Name) || a.NameID != "" && !validCommandName(a.NameID) {
				panic(fmt.Sprintf("bot: command %q: argument name %q/%q must be 1–32 lowercase letters, digits or _", c.Name, a.Name, a.NameID))
			}
			if n, m := utf8.RuneCountInString(a.DescriptionEN), utf8.RuneCountInString(a.DescriptionID); n == 0 || n > 100 || m == 0 || m > 100 {
				panic(fmt.Sprintf("bot: command %q: argument %q needs descriptions of 1–100 characters", c.Name, a.Name))
			}
		}
		names := append([]string{c.Name}, c.Aliases...)
		names = append(names, c.AliasesID...)
		for _, n := range names {
			if !validCommandName(n) {
				panic(fmt.Sprintf("bot: command name %q must be 1–32 lowercase letters, digits or _", n))
			}
			if _, dup := r.byName[n]; dup {
				panic(fmt.Sprintf("bot: command name %q registered twice", n))
			}
			r.byName[n] = &c
		}
		r.ordered = append(r.ordered, &c)
	}
}

func (c *Command) adminText() string {
	if c.AdminText != "" {
		return c.AdminText
	}
	return "admin.only"
}

// Always is an AdminOnly rule for commands that are settings whatever their argument.
func Always(string) bool { return true }

// WithArgs is an AdminOnly rule for commands that only show a setting when bare
// (/daily, /lang) and change it with an argument.
func WithArgs(args string) bool { return strings.TrimSpace(args) != "" }

func validCommandName(n string) bool {
	if n == "" || len(n) > 32 {
		return false
	}
	for _, c := range n {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// Commands returns the registered commands in registration order.
func (r *Router) Commands() []Command {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]Command, len(r.ordered))
	for i, c := range r.ordered {
		out[i] = *c
	}
	return out
}

func (r *Router) lookup(name string) (*Command, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	c, ok := r.byName[name]
	return c, ok
}

// Indonesian reports whether the command was called by an Indonesian name ("/kuis"),
// which makes Indonesian the reply language unless the chat chose one.
func (c *Call) Indonesian() bool {
	return c != nil && c.Command != nil && slices.Contains(c.Command.AliasesID, c.Name)
}

// Call is a message read as a command, once per message: the router's Parse sets it
// on the Message at the start of the chain, as http.ServeMux records the matched
// pattern on the request, and every later link reads it instead of the text.
type Call struct {
	// Name is the name as typed, lowercased, without the slash or an @bot suffix ("kuis").
	Name string
	// Command is the registered command of that name; nil when the router has none.
	Command *Command
	// Args is the text after the name, with whitespace collapsed ("2015 p2").
	Args string
}

// Canonical returns the command's canonical name ("quiz" for /kuis), or "" when the
// call is nil or names no registered command.
func (c *Call) Canonical() string {
	if c == nil || c.Command == nil {
		return ""
	}
	return c.Command.Name
}

// Parse reads text as a command; nil when it is not one ("/" and a name). The text is
// read as Sanitize will leave it (controls dropped, whitespace collapsed), so the
// argument needs no cleaning later.
func (r *Router) Parse(text string) *Call {
	name, args, ok := splitCommand(collapseSpace(text))
	if !ok {
		return nil
	}
	c, _ := r.lookup(name)
	return &Call{Name: name, Command: c, Args: args}
}

// parseCalls is the chain link that parses a message's command once for all later links.
func (r *Router) parseCalls(next Handler) Handler {
	return HandlerFunc(func(ctx context.Context, m *Message) *Reply {
		if m.Call == nil {
			if call := r.Parse(m.Text); call != nil {
				cp := *m
				cp.Call = call
				m = &cp
			}
		}
		return next.Handle(ctx, m)
	})
}

// Handle implements Handler. A message that no earlier link parsed (a router used on
// its own) is parsed here.
func (r *Router) Handle(ctx context.Context, m *Message) *Reply {
	call := m.Call
	if call == nil {
		if call = r.Parse(m.Text); call == nil {
			return r.question.Handle(ctx, m)
		}
		cp := *m
		cp.Call = call
		m = &cp
	}
	if c := call.Command; c != nil {
		if c.AdminOnly != nil && m.ChatKind != Private && !m.IsAdmin && c.AdminOnly(call.Args) {
			lang, _ := LangFrom(ctx)
			return errorReply(lang, text(lang, c.adminText()))
		}
		return c.Handler.Handle(ctx, m)
	}
	if r.unknown != nil {
		return r.unknown(ctx, m, call.Name)
	}
	return nil
}

// nearest returns the command name closest to name by edit distance, and the distance.
func (r *Router) nearest(name string) (string, int) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	names := make([]string, 0, len(r.byName))
	for n, c := range r.byName {
		if !c.Hidden {
			names = append(names, n)
		}
	}
	sort.Strings(names) // ties resolve the same way every time
	best, bestD := "", -1
	for _, n := range names {
		d := editDistance(name, n)
		if strings.HasPrefix(n, name) && len(name) >= 3 {
			d = min(d, 1)
		}
		if bestD < 0 || d < bestD {
			best, bestD = n, d
		}
	}
	return best, bestD
}

// splitCommand parses "/name@bot args": name is lowercased without slash or @suffix.
func splitCommand(text string) (name, args string, ok bool) {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, "/") || len(t) < 2 {
		return "", "", false
	}
	head, rest, _ := strings.Cut(t[1:], " ")
	if at := strings.IndexByte(head, '@'); at >= 0 {
		head = head[:at]
	}
	if head == "" {
		return "", "", false
	}
	return strings.ToLower(head), strings.TrimSpace(rest), true
}

// Args returns the text after the command name ("2015 p2" for "/timeline 2015 p2"),
// or the whole text when the message is not a command.
func Args(m *Message) string {
	if m.Call != nil {
		return m.Call.Args
	}
	if _, args, ok := splitCommand(m.Text); ok {
		return args // a message handed to a handler directly, outside the chain
	}
	return strings.TrimSpace(m.Text)
}

// editDistance is the optimal-string-alignment distance between a and b in runes:
// insertions, deletions, substitutions and swaps of two neighbours ("2105" → "2015")
// each cost one.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
