"""Records: the institution's list per profile that confirmed versions and manual forms keep up to date.

Kept free of imports; use ``services`` (applying versions, the list, manual changes), ``forms``
(the forms generated from a profile) and ``controllers`` (the pages).
"""
