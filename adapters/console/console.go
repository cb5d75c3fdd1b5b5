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

	"github.com/cyberdiplo/cyberdiplo/bot"
)

// ChatID is the console's one chat; it is stable so that /lang and /source carry over
// from line to line.
const ChatID = "console"

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
}

// Console is the console adapter.
type Console struct {
	h    Handler
	in   io.Reader
	out  io.Writer
	opts Options
}

// New returns a console that reads messages from in and writes replies to out.
func New(h Handler, in io.Reader, out io.Writer, opts Options) *Console {
	return &Console{h: h, in: in, out: out, opts: opts}
}

// Name is the platform name.
func (c *Console) Name() string { return "console" }

type line struct {
	text string
	err  error
}

// Run reads lines until end of input, "/quit", or ctx is cancelled. End of input is a
// normal end and returns nil.
func (c *Console) Run(ctx context.Context) error {
	lines := make(chan line)
	// The reader goroutine may stay blocked in Read after ctx is cancelled (a terminal
	// read cannot be interrupted portably); it ends with the process.
	go readLines(ctx, c.in, lines)

	if c.opts.Interactive {
		if _, err := fmt.Fprint(c.out, "cyberdiplo — UN cyber diplomacy, sourced answers in English and Bahasa Indonesia.\n"+
			"Type a question or /help; /quit or Ctrl-D to leave.\n\n"); err != nil {
			return fmt.Errorf("console: %w", err)
		}
	}
	replies := 0
	for {
		if c.opts.Interactive {
			if _, err := fmt.Fprint(c.out, "> "); err != nil {
				return fmt.Errorf("console: %w", err)
			}
		}
		var l line
		select {
		case <-ctx.Done():
			if c.opts.Interactive {
				fmt.Fprintln(c.out)
			}
			return nil
		case l = <-lines:
		}
		if l.err != nil {
			if errors.Is(l.err, io.EOF) {
				if c.opts.Interactive {
					fmt.Fprintln(c.out)
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
		reply := c.h.Handle(ctx, &bot.Message{
			Platform:   "console",
			ChatID:     ChatID,
			ChatKind:   bot.Private,
			UserID:     "console",
			UserName:   c.opts.UserName,
			Text:       text,
			Addressed:  true,
			LocaleHint: c.opts.LocaleHint,
			IsAdmin:    true,
		})
		if reply == nil {
			continue
		}
		var sb strings.Builder
		if replies > 0 && !c.opts.Interactive {
			sb.WriteString("\n")
		}
		sb.WriteString(Render(reply))
		sb.WriteString("\n")
		if c.opts.Interactive {
			sb.WriteString("\n")
		}
		if _, err := io.WriteString(c.out, sb.String()); err != nil {
			return fmt.Errorf("console: %w", err)
		}
		replies++
	}
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
