" editors/vim/ftdetect/rules.vim — rulec's rule files. Part of rulec; see README.md.
" Vim already gives *.rules to other formats (Snort's hog, udev's rules), so the file type is
" set only for a file that states a policy: a line opening with policy or politique.
autocmd BufRead,BufNewFile *.rules
      \ if search('^\s*\(policy\|politique\)\>', 'nw') | set filetype=rules | endif
