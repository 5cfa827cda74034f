package session

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

// edit opens the card's deck file in the learner's editor at the card's
// line, then reloads the decks and shows the card again from its start. A built-in deck is first copied to the
// user's deck folder (with the learner's consent): progress carries over,
// since the copy keeps the deck and card ids.
func (s *session) edit(item srs.Item, p *deck.Prompt) (outcome, error) {
	path := p.Deck.Path
	if path == "" {
		s.message(fmt.Sprintf("%s is a built-in deck: copy it to your deck folder and edit the copy? [y/n]", tui.Clean(p.Deck.ID)))
		k, err := s.in.Key()
		if err != nil {
			return outStay, err
		}
		if k != "y" && k != "Y" {
			s.message("not edited")
			return outStay, nil
		}
		if path, err = library.CopyBuiltin(p.Deck, config.DeckDir(s.lib.DataDir)); err != nil {
			s.message(err.Error())
			return outStay, nil
		}
	}
	for {
		if err := s.runEditor(path, p.Card.Line); err != nil {
			s.message(err.Error())
			return outStay, nil
		}
		problems, err := s.reload(path)
		if err != nil {
			return outStay, err
		}
		if len(problems) == 0 {
			break
		}
		s.message("the deck now has errors, so the session keeps the text it had:\n " +
			strings.Join(problems, "\n ") + "\n [e] edit again   [enter] go on")
		k, err := s.in.Key()
		if err != nil {
			return outStay, err
		}
		if k != "e" {
			s.scr.Drop("message")
			return outStay, nil
		}
	}
	np, ok := s.lib.ByKey[item.Card]
	if !ok {
		s.setNotice("the card is no longer in its deck (its id changed or it was removed); moving on")
		return outNext, nil
	}
	*p = np
	// The card starts again as edited, with its keys (and its typing
	// field) back.
	s.setNotice("reloaded " + tui.Clean(path))
	return outAgain, nil
}

// editorArgs asks the editor to open path at line: "+LINE PATH", which vi,
// vim, nvim, nano, emacs, micro and kakoune understand, or the forms that
// VS Code and Sublime Text want.
func editorArgs(editor, path string, line int) []string {
	switch filepath.Base(editor) {
	case "code", "codium":
		return []string{"--goto", fmt.Sprintf("%s:%d", path, line)}
	case "subl", "hx", "helix":
		return []string{fmt.Sprintf("%s:%d", path, line)}
	}
	return []string{"+" + strconv.Itoa(line), path}
}

func (s *session) runEditor(path string, line int) error {
	argv := s.o.Editor
	if len(argv) == 0 {
		return fmt.Errorf("no editor: set editor in the config file, or $EDITOR")
	}
	cmd := exec.Command(argv[0], append(argv[1:], editorArgs(argv[0], path, line)...)...)
	if s.term != nil {
		s.term.Restore()
		defer func() {
			s.term.Resume()
			s.scr.Redraw()
		}()
		cmd.Stdin, cmd.Stdout, cmd.Stderr = s.e.In, s.e.Out, s.e.Err
	} else {
		cmd.Stdout, cmd.Stderr = s.e.Err, s.e.Err
	}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("the editor %q failed: %v (set editor in the config file, or $EDITOR)", argv[0], err)
	}
	return nil
}

// reload loads the decks again after an edit. It returns the problems of
// the edited file, if any, and then keeps the decks as they were.
func (s *session) reload(path string) ([]string, error) {
	srcs := s.lib.Sources
	userDir := config.DeckDir(s.lib.DataDir)
	if strings.HasPrefix(path, userDir+string(filepath.Separator)) && !hasSource(srcs, userDir) {
		srcs = append(srcs, deck.Source{FS: os.DirFS(userDir), Dir: userDir, Label: userDir, Origin: "user"})
	}
	set := deck.LoadAll(srcs...)
	var problems []string
	for _, e := range set.Errors {
		if sameFile(e.File, path) {
			problems = append(problems, tui.Clean(e.Error()))
		}
	}
	if len(problems) > 0 {
		return problems, nil
	}
	s.lib.Sources = srcs
	s.lib.SetDecks(set)
	return nil, nil
}

func hasSource(srcs []deck.Source, dir string) bool {
	for _, s := range srcs {
		if s.Dir == dir {
			return true
		}
	}
	return false
}

func sameFile(a, b string) bool {
	if a == b {
		return true
	}
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ia, ib)
}
