// Package console runs cyberdiplo in a terminal or over a pipe: one line in, one reply
// out. It is the adapter a newcomer meets first, and the one scripts and tests use.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/address"
	"github.com/cyberdiplo/cyberdiplo/bot"
)

// Platform is the console's platform name, the first part of its chat key.
const Platform = "console"

// ChatID is the console's one chat; it is stable so that /lang, /source, the quiz
// scores and the daily-fact schedule carry over from line to line and, with a
// database, from one session to the next.
const ChatID = "console"

// ChatKey is the console chat's bot.Message.ChatKey: the key its state is stored under
// and the one the daily-fact loop sends to.
const ChatKey = Platform + ":" + ChatID

// ErrUnknownChat is returned by Send for a chat that is not the console's.
var ErrUnknownChat = errors.New("console: not the console chat")

// maxLineBytes bounds how much of one input line is kept; the bot refuses long
// questions anyway, this only keeps memory bounded when binary data is piped in.
const maxLineBytes = 64 << 10

// Handler is what the console needs of the bot.
type Handler interface {
	Handle(ctx context.Context, m *bot.Message) *bot.Reply
}

// Options tune the console.
type Options struct {
	// Interactive prints a greeting and a prompt (for a terminal); otherwise the
	// console prints only the replies, one per input line, separated by blank lines.
	Interactive bool
	// LocaleHint is the user's language from the environment ("id_ID.UTF-8"), used
	// when a message does not tell its language.
	LocaleHint string
	// UserName is used in greetings.
	UserName string
	// ImageDir is where pictures (the timeline chart) are written, their paths printed;
	// empty means cyberdiplo-charts in the system's temporary directory.
	ImageDir string
}

// Console is the console adapter. It is also a bot.Sender, so the daily fact of the
// console chat is printed while a session runs.
type Console struct {
	h    Handler
	in   io.Reader
	opts Options

	// mu serialises writes to out: replies to input lines and messages pushed by Send
	// come from different goroutines and must not interleave.
	mu       sync.Mutex
	out      io.Writer
	written  int  // replies and pushed messages written so far
	atPrompt bool // an interactive prompt is showing and waiting for input

	started     chan struct{} // closed once Run has printed its greeting and first prompt
	startedOnce sync.Once
}

var _ bot.Sender = (*Console)(nil)

// New returns a console that reads messages from in and writes replies to out.
func New(h Handler, in io.Reader, out io.Writer, opts Options) *Console {
	return &Console{h: h, in: in, out: out, opts: opts, started: make(chan struct{})}
}

// Started is closed once Run has printed its greeting and is waiting for the first
// line, so that messages pushed with Send come after the greeting, not before it.
func (c *Console) Started() <-chan struct{} { return c.started }

func (c *Console) markStarted() { c.startedOnce.Do(func() { close(c.started) }) }

// Name is the platform name.
func (c *Console) Name() string { return Platform }

// Send prints a message the bot pushes without an incoming line (the daily fact). In
// an interactive session it appears above a fresh prompt, so the user's typing place
// is kept; piped output gets it between replies, separated like a reply.
func (c *Console) Send(_ context.Context, chatKey string, r *bot.Reply) error {
	if chatKey != ChatKey {
		return fmt.Errorf("%w: %q", ErrUnknownChat, chatKey)
	}
	if r == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var sb strings.Builder
	switch {
	case c.opts.Interactive && c.atPrompt:
		// The prompt is showing: end its line, print the message, show it again.
		sb.WriteString("\n")
		sb.WriteString(c.render(r))
		sb.WriteString("\n\n> ")
	case c.opts.Interactive:
		sb.WriteString(c.render(r))
		sb.WriteString("\n\n")
	default:
		if c.written > 0 {
			sb.WriteString("\n")
		}
		sb.WriteString(c.render(r))
		sb.WriteString("\n")
	}
	return c.emitLocked(sb.String())
}

// write prints s under the output lock; prompt says whether s ends with the prompt.
func (c *Console) write(s string, prompt bool) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := io.WriteString(c.out, s); err != nil {
		return fmt.Errorf("console: %w", err)
	}
	c.atPrompt = prompt
	return nil
}

type line struct {
	text string
	err  error
}

// Run reads lines until end of input, "/quit", or ctx is cancelled. End of input is a
// normal end and returns nil.
func (c *Console) Run(ctx context.Context) error {
	defer c.markStarted() // also when Run fails before its first prompt
	lines := make(chan line)
	// The reader goroutine may stay blocked in Read after ctx is cancelled (a terminal
	// read cannot be interrupted portably); it ends with the process.
	go readLines(ctx, c.in, lines)

	if c.opts.Interactive {
		// The banner speaks the environment's language: no chat choice exists before the
		// first line.
		hello := bot.Text(bot.LangForLocale(c.opts.LocaleHint), bot.TextConsoleHello)
		if err := c.write(hello+"\n\n", false); err != nil {
			return err
		}
	}
	for {
		if c.opts.Interactive {
			if err := c.write("> ", true); err != nil {
				return err
			}
		}
		c.markStarted()
		var l line
		select {
		case <-ctx.Done():
			if c.opts.Interactive {
				c.write("\n", false)
			}
			return nil
		case l = <-lines:
		}
		if c.opts.Interactive {
			// The user pressed Enter: the terminal has moved past the prompt.
			c.mu.Lock()
			c.atPrompt = false
			c.mu.Unlock()
		}
		if l.err != nil {
			if errors.Is(l.err, io.EOF) {
				if c.opts.Interactive {
					c.write("\n", false)
				}
				return nil
			}
			return fmt.Errorf("console: reading input: %w", l.err)
		}
		text := strings.TrimSpace(l.text)
		if text == "" {
			continue
		}
		if text == "/quit" || text == "/exit" {
			return nil
		}
		m := &bot.Message{
			Platform:   Platform,
			ChatID:     ChatID,
			ChatKind:   bot.Private,
			UserID:     "console",
			UserName:   c.opts.UserName,
			Text:       text,
			LocaleHint: c.opts.LocaleHint,
			IsAdmin:    true,
		}
		// The console is a private chat with its one user: every line is for the bot.
		address.Mark(m, address.Signals{})
		reply := c.h.Handle(ctx, m)
		if reply == nil {
			continue
		}
		if err := c.writeReply(reply); err != nil {
			return err
		}
	}
}

// emitLocked prints one rendered message and counts it (piped output separates messages
// after the first); the caller holds c.mu.
func (c *Console) emitLocked(s string) error {
	if _, err := io.WriteString(c.out, s); err != nil {
		return fmt.Errorf("console: %w", err)
	}
	c.written++
	return nil
}

// writeReply prints the reply to an input line: piped replies are separated by blank
// lines, interactive ones followed by one before the next prompt.
func (c *Console) writeReply(r *bot.Reply) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var sb strings.Builder
	if c.written > 0 && !c.opts.Interactive {
		sb.WriteString("\n")
	}
	sb.WriteString(c.render(r))
	sb.WriteString("\n")
	if c.opts.Interactive {
		sb.WriteString("\n")
	}
	return c.emitLocked(sb.String())
}

// Render is the console form of a reply: plain text, links as "text (url)", buttons as
// the commands the user can type.
func Render(r *bot.Reply) string { return bot.PlainTextWithButtons(r) }

// readLines sends each input line (without its line ending, at most maxLineBytes kept)
// and finally the read error (io.EOF at the end).
func readLines(ctx context.Context, in io.Reader, out chan<- line) {
	br := bufio.NewReader(in)
	for {
		var buf []byte
		var err error
		for {
			var chunk []byte
			var more bool
			chunk, more, err = br.ReadLine()
			if len(buf) < maxLineBytes {
				buf = append(buf, chunk[:min(len(chunk), maxLineBytes-len(buf))]...)
			}
			if err != nil || !more {
				break
			}
		}
		if err != nil && len(buf) > 0 {
			// A last line without a newline still counts.
			if !send(ctx, out, line{text: string(buf)}) {
				return
			}
		}
		if err != nil {
			send(ctx, out, line{err: err})
			return
		}
		if !send(ctx, out, line{text: string(buf)}) {
			return
		}
	}
}

func send(ctx context.Context, out chan<- line, l line) bool {
	select {
	case out <- l:
		return true
	case <-ctx.Done():
		return false
	}
}
