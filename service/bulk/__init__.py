"""Documents for a whole register at once: a school's SEN register (a CSV or XLSX export of its
management information system) becomes one document per pupil, checked by the same forms and
messages as the web journey, in one ZIP streamed as it is made."""
