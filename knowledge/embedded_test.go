package knowledge

import "testing"

// TestEmbeddedBaseValid fails with the full problem list when any embedded fact file is broken.
func TestEmbeddedBaseValid(t *testing.T) {
	b, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if b.Len() == 0 {
		t.Fatal("embedded base is empty")
	}
}
