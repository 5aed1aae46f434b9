;;; emacs-eglot.el --- drive `dockerharden lsp' from Emacs's eglot in batch mode
;; Open $DH_FILE, wait for flymake diagnostics from eglot, format the buffer
;; with eglot-format-buffer, save, and wait for the diagnostics of the saved
;; text. Results go to $DH_OUT, one line each; the Go test (emacs_test.go)
;; checks them.
(require 'eglot)
(require 'flymake)

(define-derived-mode dockerfile-mode prog-mode "Dockerfile")
(add-to-list 'eglot-server-programs `(dockerfile-mode . (,(getenv "DH_BIN") "lsp")))
(setq eglot-sync-connect t eglot-autoshutdown t)

(defvar dh-lines nil)
(defun dh-say (s) (push s dh-lines))
(defun dh-finish (code)
  (with-temp-file (getenv "DH_OUT")
    (insert (mapconcat #'identity (reverse dh-lines) "\n") "\n"))
  (kill-emacs code))
(defun dh-wait (pred secs)
  (let ((deadline (+ (float-time) secs)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (ignore-errors (flymake-start))
      (accept-process-output nil 0.05))
    (funcall pred)))
(defun dh-codes ()
  (mapconcat
   (lambda (d)
     (format "%s@%d" (let ((m (flymake-diagnostic-text d)))
                       (if (string-match "\\(DH[0-9]+\\)" m) (match-string 1 m) m))
             (1- (line-number-at-pos (flymake-diagnostic-beg d)))))
   (sort (flymake-diagnostics)
         (lambda (a b) (string< (flymake-diagnostic-text a) (flymake-diagnostic-text b))))
   " "))

(condition-case err
    (progn
      (find-file (getenv "DH_FILE"))
      (dockerfile-mode)
      (dh-say (format "emacs %s eol %s" emacs-version buffer-file-coding-system))
      (apply #'eglot (eglot--guess-contact))
      (unless (dh-wait (lambda () (and (eglot-current-server) (flymake-diagnostics))) 20)
        (dh-say "no diagnostics") (dh-finish 1))
      (dh-say (concat "diagnostics " (dh-codes)))
      (eglot-format-buffer)
      (save-buffer)
      (dh-say "written")
      (unless (dh-wait (lambda () (let ((c (dh-codes))) (and (not (string-empty-p c)) (not (string-match-p "DH001" c))))) 20)
        (dh-say (concat "diagnostics after save " (dh-codes))) (dh-finish 1))
      (dh-say (concat "diagnostics after save " (dh-codes)))
      (ignore-errors (eglot-shutdown (eglot-current-server)))
      (dh-finish 0))
  (error (dh-say (format "error %S" err)) (dh-finish 1)))
