package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// TestOptionsMiddlewares checks the hooks main uses for flood control and metrics:
// Options.Middlewares run in order around every message, inside the panic recovery, and
// ObserveMatch sees each matcher verdict.
func TestOptionsMiddlewares(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	var verdicts []bool
	trace := func(name string) Middleware {
		return func(next Handler) Handler {
			return HandlerFunc(func(ctx context.Context, m *Message) *Reply {
				order = append(order, name)
				if m.Text == "boom" && name == "inner" {
					panic("middleware bug")
				}
				return next.Handle(ctx, m)
			})
		}
	}
	b := New(base, nil, shipped(Options{
		Middlewares:  []Middleware{trace("outer"), trace("inner")},
		ObserveMatch: func(res knowledge.Result, _ time.Duration) { verdicts = append(verdicts, res.Answered) },
	}))
	msg := func(text string) *Message {
		return &Message{Platform: "test", ChatID: "1", ChatKind: Private, UserID: "1", Text: text}
	}

	if r := b.Handle(context.Background(), msg("What is the OEWG?")); r == nil || r.Kind != KindAnswer {
		t.Fatalf("question: %+v, want an answer", r)
	}
	if strings.Join(order, ",") != "outer,inner" {
		t.Errorf("middlewares ran %v, want outer then inner", order)
	}
	if len(verdicts) != 1 || !verdicts[0] {
		t.Errorf("ObserveMatch saw %v, want one answered verdict", verdicts)
	}

	r := b.Handle(context.Background(), msg("boom"))
	if r == nil || r.Kind != KindError || !strings.Contains(PlainText(r), "Sorry, something went wrong") {
		t.Errorf("a panic in a middleware: %+v, want the apology", r)
	}
	if r := b.Handle(context.Background(), msg("What is the OEWG?")); r == nil || r.Kind != KindAnswer {
		t.Errorf("the message after a panic: %+v, want an answer", r)
	}
}
