;;; factcheck-eglot.el --- factcheck's language server in Eglot  -*- lexical-binding: t -*-

;; Registers `factcheck lsp' with Eglot for Markdown and text buffers, and adds commands for
;; the server's own actions and a mode-line status.  Tested with Emacs 28.2 and Eglot 1.9
;; (Debian 12: emacs-nox, elpa-eglot) by tests/e2e/emacs.sh.
;;
;; Setup (init.el):
;;   (add-to-list 'load-path "/path/to/factcheck/editors/emacs")
;;   (require 'factcheck-eglot)
;;   (add-hook 'markdown-mode-hook #'eglot-ensure)   ; markdown-mode package, if you use it
;;   (add-hook 'text-mode-hook #'eglot-ensure)
;;
;; A folder with a factcheck.toml and no .git is a project (project.el), so Eglot takes that
;; folder as the server's root rather than the draft's own folder.
;;
;; Commands: `factcheck-reload-corpus', `factcheck-check-workspace', `factcheck-show-sources';
;; `factcheck-apply-settings' changes the server's settings while it runs.

;;; Code:

(require 'eglot)
(require 'cl-lib)

(defgroup factcheck nil
  "Fact-check prose against your sources, through Eglot."
  :group 'tools)

(defcustom factcheck-program '("factcheck" "lsp")
  "The command that runs the factcheck language server."
  :type '(repeat string))

(defcustom factcheck-settings nil
  "The server's settings, which win over factcheck.toml, as a plist.
Example: (:corpus (:paths [\"sources\"]) :severity (:misquote \"error\")).
Sent as initializationOptions and in workspace/didChangeConfiguration."
  :type 'sexp)

(defvar factcheck-status nil
  "The last factcheck/status notification.
A plist (:state :documents :bytes :message).")

(defun factcheck--contact (_interactive)
  "The Eglot contact: program, arguments and initializationOptions."
  (append factcheck-program
          (list :initializationOptions (list :factcheck (or factcheck-settings eglot--{})))))

;; One server for both modes.  markdown-mode (a package) derives from text-mode, so it is
;; listed first; Neovim's and Emacs's "text" is LSP's "plaintext".
(add-to-list 'eglot-server-programs
             '(((markdown-mode :language-id "markdown")
                (gfm-mode :language-id "markdown")
                (text-mode :language-id "plaintext"))
               . factcheck--contact))

;; The project root.  Eglot's workspace is the project.el project, which is the version-control
;; root; a folder of drafts with no .git has none, and Eglot would fall back on the draft's own
;; folder, where the server finds no factcheck.toml.  So a folder with a factcheck.toml is a
;; project of its own, found upward from the draft, after the version-control root (a .git
;; still decides where there is one, as project.el users expect).
(defun factcheck-project (dir)
  "The project of DIR: the nearest folder above it that holds a factcheck.toml."
  (let ((root (locate-dominating-file dir "factcheck.toml")))
    (when root (cons 'factcheck root))))

(cl-defmethod project-root ((project (head factcheck)))
  "The folder of the factcheck.toml that makes PROJECT."
  (cdr project))

(add-hook 'project-find-functions #'factcheck-project 90)

;; Eglot's own `eglot-workspace-configuration' is a per-project (dir-local) variable shared
;; by every server, so this file leaves it alone and sends its settings itself.
(defun factcheck-apply-settings (settings)
  "Set `factcheck-settings' to SETTINGS and send them to the running server.
The server applies them without a restart."
  (setq factcheck-settings settings)
  (jsonrpc-notify (eglot--current-server-or-lose) :workspace/didChangeConfiguration
                  (list :settings (list :factcheck (or settings eglot--{})))))

(cl-defmethod eglot-handle-notification
  (_server (_method (eql factcheck/status)) &rest params &key state message &allow-other-keys)
  "Remember the server's status; say so when it is an error."
  (setq factcheck-status params)
  (when (equal state "error")
    (message "factcheck: %s" (or message "the sources could not be loaded")))
  (force-mode-line-update t))

(defun factcheck-mode-line ()
  "A short status for the mode line, e.g. \"factcheck: 12 docs\"."
  (let ((state (plist-get factcheck-status :state)))
    (cond ((null state) "")
          ((and (equal state "ready") (plist-get factcheck-status :documents))
           (format "factcheck: %d docs, %s" (plist-get factcheck-status :documents)
                   (file-size-human-readable (or (plist-get factcheck-status :bytes) 0))))
          (t (format "factcheck: %s" state)))))

;; Commands are sent asynchronously: with Emacs 28's jsonrpc, the reply to a synchronous
;; request can swallow server messages that arrive in the same read (the status and
;; diagnostics these commands trigger), so nothing here blocks on a reply.
(defun factcheck--execute (command arguments on-result)
  "Run the server COMMAND with ARGUMENTS (a vector).
ON-RESULT is called with the result."
  (let ((buffer (current-buffer)))
    (jsonrpc-async-request
     (eglot--current-server-or-lose) :workspace/executeCommand
     (list :command command :arguments (or arguments []))
     :success-fn (lambda (result)
                   (if (buffer-live-p buffer)
                       (with-current-buffer buffer (funcall on-result result))
                     (funcall on-result result)))
     :error-fn (lambda (err)
                 (message "factcheck: %s failed: %s" command
                          (or (plist-get err :message) err))))))

(defun factcheck-reload-corpus (&optional on-done)
  "Re-read the sources and re-check the open drafts.
ON-DONE, if given, is called with the server's answer."
  (interactive)
  (factcheck--execute "factcheck.reloadCorpus" nil
                      (lambda (result)
                        (message "factcheck: sources reloaded")
                        (when on-done (funcall on-done result)))))

(defun factcheck-check-workspace (&optional on-done)
  "Check every draft under the project.
The findings of drafts that are not open appear in
`flymake-show-project-diagnostics' (Emacs 29+).  ON-DONE, if given, is
called with the server's answer."
  (interactive)
  (factcheck--execute
   "factcheck.checkWorkspace" nil
   (lambda (result)
     (when (and (plist-get result :files) (plist-get result :findings))
       (message "factcheck: checked %d file(s): %d finding(s)"
                (plist-get result :files) (plist-get result :findings)))
     (when on-done (funcall on-done result)))))

(defun factcheck-show-sources (&optional on-done)
  "List the sources that support the sentence at point.
They are shown in the *factcheck sources* buffer, in `grep-mode'.
ON-DONE, if given, is called with the list of sources."
  (interactive)
  (require 'grep)
  (let ((params (eglot--TextDocumentPositionParams)))
    (factcheck--execute
     "factcheck.showSources"
     (vector (plist-get (plist-get params :textDocument) :uri) (plist-get params :position))
     (lambda (result)
       (let ((sources (append (plist-get result :sources) nil)))
         (if (null sources)
             (message "factcheck: no source supports this sentence")
           (with-current-buffer (get-buffer-create "*factcheck sources*")
             (let ((inhibit-read-only t))
               (erase-buffer)
               (dolist (s sources)
                 (insert (format "%s:%s: %s\n"
                                 (if (plist-get s :uri)
                                     (eglot--uri-to-path (plist-get s :uri))
                                   (plist-get s :source))
                                 (or (plist-get s :line) 1)
                                 (or (plist-get s :quote) ""))))
               (grep-mode))
             (display-buffer (current-buffer))))
         (when on-done (funcall on-done sources)))))))

(provide 'factcheck-eglot)
;;; factcheck-eglot.el ends here
