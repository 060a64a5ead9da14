"""Conventions of Vietnamese documents shared by the stages: type names, symbols, dates, names.

Facts come from Nghị định 30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW and the reference in
../shared/reference/vn-document-format.md.
"""
