" editors/vim/syntax/rules.vim — rulec's rule language (docs/language.md), English and French
" keywords (grammar/keywords.tab). Part of rulec; see README.md for the licence.
" Install: copy syntax/ and ftdetect/ into ~/.vim (or ~/.config/nvim).
if exists("b:current_syntax")
  finish
endif

" Names are ASCII; French keywords carry the accented letters of Latin-1 (é, è, à, …).
syntax iskeyword @,48-57,_,192-255

syntax keyword rulesDeclaration policy politique source input donnée const constante let soit
syntax keyword rulesDeclaration condition output résultat rule règle example exemple
syntax keyword rulesDeclaration property propriété
syntax keyword rulesKeyword file fichier note exception to à all toutes cites cite interprets
syntax keyword rulesKeyword interprète because car when quand then alors given avec expect
syntax keyword rulesKeyword attendu missing manquante unset absent days jours
syntax keyword rulesKeyword lookup selon otherwise autrement requires exige
syntax keyword rulesOperator and et or ou not non in parmi between entre
syntax keyword rulesType enum énum set ensemble bool booléen date int entier
syntax keyword rulesConstant true vrai false faux unspecified non_précisé invalid invalide
syntax keyword rulesConstant decided décidée

" A date after a number: of two matches at one place, vim keeps the last defined.
syntax match rulesNumber "\<\d\+\>"
syntax match rulesDate "\<\d\{4}-\d\{2}-\d\{2}\>"
syntax match rulesEscape contained "\\."
syntax region rulesString start=+"+ skip=+\\.+ end=+"+ end=+$+ contains=rulesEscape oneline
syntax match rulesComment "#.*$" contains=@Spell

highlight default link rulesDeclaration Statement
highlight default link rulesKeyword Keyword
highlight default link rulesOperator Operator
highlight default link rulesType Type
highlight default link rulesConstant Constant
highlight default link rulesDate Number
highlight default link rulesNumber Number
highlight default link rulesString String
highlight default link rulesEscape SpecialChar
highlight default link rulesComment Comment

let b:current_syntax = "rules"
