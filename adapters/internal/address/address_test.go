package address

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/bot"
)

func TestPolicy(t *testing.T) {
	for _, tc := range []struct {
		name string
		kind bot.ChatKind
		s    Signals
		want bool
	}{
		{"private chatter", bot.Private, Signals{}, true},
		{"group chatter", bot.Group, Signals{}, false},
		{"group command", bot.Group, Signals{Command: true}, true},
		{"group mention", bot.Group, Signals{Mention: true}, true},
		{"group reply to the bot", bot.Group, Signals{ReplyToBot: true}, true},
		{"group button press", bot.Group, Signals{Action: true}, true},
		{"channel post", bot.Channel, Signals{}, false},
		{"channel post mentioning the bot", bot.Channel, Signals{Mention: true}, true}, // the bot still never answers it
	} {
		m := &bot.Message{ChatKind: tc.kind}
		if got := Mark(m, tc.s); got != tc.want || m.Addressed != tc.want {
			t.Errorf("%s: Mark = %v, Addressed = %v, want %v", tc.name, got, m.Addressed, tc.want)
		}
	}
}

// TestNoAdapterBypassesThePolicy fails when code under adapters/ or cmd/ decides addressing
// itself, by setting bot.Message.Addressed in a literal or an assignment: every adapter must
// go through Mark, so that the policy above is the one in force on every platform.
func TestNoAdapterBypassesThePolicy(t *testing.T) {
	self, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	var checked int
	for _, root := range []string{"../..", "../../../cmd"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if abs, _ := filepath.Abs(path); d.IsDir() && abs == self {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			checked++
			for _, at := range addressedWrites(t, path) {
				t.Errorf("%s sets Addressed itself; use address.Mark", at)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 20 {
		t.Fatalf("only %d files checked: the walk missed the adapters", checked)
	}
}

// addressedWrites lists the places in one file that write a field named Addressed.
func addressedWrites(t *testing.T, path string) []string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok && id.Name == "Addressed" {
				out = append(out, fset.Position(n.Pos()).String())
			}
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if sel, ok := lhs.(*ast.SelectorExpr); ok && sel.Sel.Name == "Addressed" {
					out = append(out, fset.Position(n.Pos()).String())
				}
			}
		}
		return true
	})
	return out
}
