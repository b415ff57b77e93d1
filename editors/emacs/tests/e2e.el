;;; e2e.el --- factcheck-eglot.el against the real server, in batch Emacs  -*- lexical-binding: t -*-
;; Run by tests/e2e/emacs.sh, which writes the workspace and sets FACTCHECK_BIN and WS.
;; Exit code 0 = pass, 1 = fail (with a FAIL: line saying which step).
(require 'cl-lib)
(require 'flymake)
(require 'factcheck-eglot)

(defun e2e-out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n") #'external-debugging-output))
(defun e2e-fail (fmt &rest args)
  (e2e-out "FAIL: %s" (apply #'format fmt args))
  (kill-emacs 1))
(defun e2e-wait (what secs pred)
  "Pump process output until PRED is non-nil, or fail after SECS naming WHAT."
  (let ((deadline (+ (float-time) secs)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (or (funcall pred) (e2e-fail "timed out waiting for %s" what))))
(defun e2e-expect (cond fmt &rest args)
  (unless cond (apply #'e2e-fail fmt args)))

;; Emacs 28 ships no markdown-mode: stand in for the package (it derives from text-mode too).
(unless (fboundp 'markdown-mode)
  (define-derived-mode markdown-mode text-mode "Markdown")
  (add-to-list 'auto-mode-alist '("\\.md\\'" . markdown-mode)))

(setq eglot-sync-connect t
      eglot-autoshutdown nil
      eglot-events-buffer-size 0
      eglot-confirm-server-initiated-edits nil)

(defun e2e-diags ()
  (cl-remove-if-not (lambda (d) (string-match-p "factcheck" (flymake-diagnostic-text d)))
                    (flymake-diagnostics)))

(let* ((bin (or (getenv "FACTCHECK_BIN") (e2e-fail "FACTCHECK_BIN not set")))
       (ws (file-name-as-directory (or (getenv "WS") (e2e-fail "WS not set")))))
  (setq factcheck-program (list bin "lsp"))
  (with-timeout (80 (e2e-fail "watchdog: the test did not finish within 80 s"))
    (condition-case err
        (let (server)
          ;; 1. open the draft; eglot-ensure waits for post-command-hook, which batch mode
          ;; never runs, so connect with the `eglot' entry point as eglot-ensure would.
          (find-file (concat ws "drafts/budget.md"))
          (e2e-expect (eq major-mode 'markdown-mode) "major mode %s" major-mode)
          (apply #'eglot (eglot--guess-contact))
          (setq server (eglot-current-server))
          (e2e-expect server "no eglot server")
          (e2e-expect (equal (eglot--language-id server) "markdown")
                      "language id %S" (eglot--language-id server))
          (e2e-out "connected: %S" (eglot--server-info server))

          ;; 2. the status notification, and the mode-line text built from it
          (e2e-wait "factcheck/status ready" 20
                    (lambda () (equal (plist-get factcheck-status :state) "ready")))
          (e2e-out "status: %S  mode line: %s" factcheck-status (factcheck-mode-line))
          (e2e-expect (equal (plist-get factcheck-status :documents) 1)
                      "status should count 1 source document: %S" factcheck-status)
          (e2e-expect (string-prefix-p "factcheck: 1 docs" (factcheck-mode-line))
                      "mode line %S" (factcheck-mode-line))

          ;; 3. the misquote diagnostic, through flymake
          (e2e-wait "a factcheck diagnostic" 20
                    (lambda () (flymake-start nil t) (e2e-diags)))
          (dolist (d (e2e-diags))
            (e2e-out "DIAG %d-%d %s %S" (flymake-diagnostic-beg d) (flymake-diagnostic-end d)
                     (flymake-diagnostic-type d) (flymake-diagnostic-text d)))
          (e2e-expect (= (length (e2e-diags)) 1) "expected one finding, got %d" (length (e2e-diags)))
          (let* ((d (car (e2e-diags)))
                 (beg (flymake-diagnostic-beg d))
                 (end (flymake-diagnostic-end d)))
            (e2e-expect (string-match-p "misquote" (flymake-diagnostic-text d))
                        "diagnostic is not a misquote: %S" (flymake-diagnostic-text d))
            (e2e-expect (eq (flymake-diagnostic-type d) 'eglot-warning)
                        "type %S" (flymake-diagnostic-type d))
            (e2e-expect (= (line-number-at-pos beg) 3) "finding on line %d" (line-number-at-pos beg))

            ;; 4. hover on the finding: the source and its words. (Raw request: eldoc's path
            ;; is asynchronous and display-only.)
            (goto-char (+ beg 2))
            (let* ((h (jsonrpc-request server :textDocument/hover
                                       (eglot--TextDocumentPositionParams) :timeout 5))
                   (text (and h (eglot--hover-info (plist-get h :contents)))))
              (e2e-out "HOVER: %s" text)
              (e2e-expect text "no hover on the finding")
              (e2e-expect (string-search "mayor.txt" text) "hover does not name the source")
              (e2e-expect (string-search "protect every library" text)
                          "hover does not quote the source"))

            ;; 5. the quick fix: eglot sends the stored diagnostic (with its data) back
            (let* ((actions (eglot-code-actions beg end))
                   (chosen (cl-find-if (lambda (a)
                                         (and (plist-get a :edit)
                                              (string-match-p "exact words" (plist-get a :title))))
                                       actions)))
              (dolist (a actions)
                (e2e-out "ACTION %S kind=%S edit=%s" (plist-get a :title) (plist-get a :kind)
                         (if (plist-get a :edit) "yes" "no")))
              (e2e-expect chosen "no quick fix offering the source's exact words")
              (eglot--apply-workspace-edit (plist-get chosen :edit))
              (goto-char (point-min))
              (forward-line 2)
              (let ((line (buffer-substring-no-properties (line-beginning-position)
                                                          (line-end-position))))
                (e2e-out "LINE AFTER FIX: %s" line)
                (e2e-expect (equal line "Mayor Jane Smith said: \"We will not raise taxes this year, and we will protect every library\".")
                            "the fixed line is wrong"))))
          ;; the re-check after the edit clears the finding (didChange is sent on an idle
          ;; timer, which batch mode does not run: send it now)
          (eglot--signal-textDocument/didChange)
          (e2e-wait "the finding to clear after the fix" 10
                    (lambda () (flymake-start nil t) (null (e2e-diags))))
          (e2e-out "finding cleared")

          ;; 6. a text-mode buffer joins the same server and is checked
          (find-file (concat ws "drafts/notes.txt"))
          (e2e-expect (eq major-mode 'text-mode) "notes.txt mode %s" major-mode)
          (e2e-expect (eq (eglot-current-server) server) "notes.txt did not join the server")
          (e2e-wait "the finding in notes.txt" 10
                    (lambda () (flymake-start nil t) (e2e-diags)))
          (e2e-out "notes.txt: %S" (flymake-diagnostic-text (car (e2e-diags))))

          ;; 7. the server's commands (asynchronous: each hands its answer to a callback)
          (let (answer)
            (factcheck-reload-corpus (lambda (r) (setq answer r)))
            (e2e-wait "the reload answer" 20 (lambda () answer))
            (e2e-out "reload: %S" answer)
            (e2e-expect (equal (plist-get answer :state) "ready") "reload answered %S" answer)
            (e2e-wait "status ready after the reload" 10
                      (lambda () (equal (plist-get factcheck-status :state) "ready"))))
          (let (answer)
            (factcheck-check-workspace (lambda (r) (setq answer r)))
            (e2e-wait "the check-workspace answer" 20 (lambda () answer))
            (e2e-out "check workspace: %S" answer)
            (e2e-expect (equal (plist-get answer :files) 1) "checked %S files, expected 1"
                        (plist-get answer :files)))
          (let ((other (expand-file-name (concat ws "drafts/other.md"))))
            (e2e-wait "diagnostics for the unvisited drafts/other.md" 10
                      (lambda () (cdr (assoc other flymake-list-only-diagnostics))))
            (e2e-out "other.md: %S"
                     (flymake-diagnostic-text (cadr (assoc other flymake-list-only-diagnostics)))))
          ;; show sources on the fixed sentence of budget.md
          (switch-to-buffer (find-buffer-visiting (concat ws "drafts/budget.md")))
          (goto-char (point-min))
          (forward-line 2)
          (forward-char 30)
          (let (sources)
            (factcheck-show-sources (lambda (s) (setq sources (or s 'none))))
            (e2e-wait "the sources answer" 10 (lambda () sources))
            (e2e-out "sources: %S" sources)
            (e2e-expect (and (consp sources)
                             (equal (plist-get (car sources) :source) "sources/mayor.txt")
                             (equal (plist-get (car sources) :line) 2))
                        "show sources should list sources/mayor.txt line 2")
            (with-current-buffer "*factcheck sources*"
              (e2e-expect (string-search "mayor.txt:2: Mayor Jane Smith" (buffer-string))
                          "*factcheck sources* reads %S" (buffer-string))))

          ;; 8. a workspace with no .git: the folder of its factcheck.toml is the root, not
          ;; the folder of the draft (drafts/sub/), where the server would find no corpus
          (let* ((ws2 (file-name-as-directory
                       (or (getenv "WS_NO_GIT") (e2e-fail "WS_NO_GIT not set"))))
                 (server2 nil))
            (find-file (concat ws2 "drafts/sub/draft.md"))
            (e2e-expect (null (vc-root-dir)) "%s should have no version control" ws2)
            (apply #'eglot (eglot--guess-contact))
            (setq server2 (eglot-current-server))
            (e2e-expect (and server2 (not (eq server2 server))) "no second server for %s" ws2)
            (e2e-expect (equal (file-truename (project-root (eglot--project server2)))
                               (file-truename ws2))
                        "the project root is %S, expected %S"
                        (project-root (eglot--project server2)) ws2)
            (e2e-wait "the misquote in the workspace without .git" 20
                      (lambda () (flymake-start nil t) (e2e-diags)))
            (e2e-out "no .git: root %s, %S" (project-root (eglot--project server2))
                     (flymake-diagnostic-text (car (e2e-diags))))
            (e2e-expect (string-match-p "misquote" (flymake-diagnostic-text (car (e2e-diags))))
                        "not a misquote: %S" (flymake-diagnostic-text (car (e2e-diags))))
            (set-buffer-modified-p nil)
            (eglot-shutdown server2 nil 5))

          ;; 9. shutdown
          (dolist (b (buffer-list)) (with-current-buffer b (set-buffer-modified-p nil)))
          (eglot-shutdown server nil 5)
          (e2e-out "PASS")
          (kill-emacs 0))
      (error (e2e-fail "%S" err)))))
