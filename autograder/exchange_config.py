"""nbgrader settings for the course's exchange, for everyone on the machine that holds it.

nbgrader's exchange is a folder on one shared machine (a server or JupyterHub): the instructor's
``release_assignment`` writes there, students' ``fetch_assignment`` / ``submit`` /
``fetch_feedback`` (the Assignments tab in JupyterLab) read and write there. Every user's
nbgrader must name the same folder and the same course id, so install this file once for all
of them (INSTRUCTORS.md, section 2):

    sudo install -d -m 1777 /usr/local/share/nbgrader/exchange
    sudo install -D -m 644 autograder/exchange_config.py /etc/jupyter/nbgrader_config.py

or, without administrator rights, as ``~/.jupyter/nbgrader_config.py`` of each user (instructor
and students). Change ``c.Exchange.root`` below if the exchange lives elsewhere.
"""
c = get_config()  # noqa: F821  (provided by traitlets when loading the file)

# The course's folder in the exchange; the same id as in autograder/nbgrader_config.py.
c.CourseDirectory.course_id = "tfdl"

# The exchange folder: it must exist, mode 1777 (everyone writes, nobody removes others' files).
c.Exchange.root = "/usr/local/share/nbgrader/exchange"

# Students: a submission that lacks the lab's notebook (renamed, say lottery_tickets-Copy1.ipynb
# only) is refused with a message; extra notebooks beside it are accepted with a warning.
c.ExchangeSubmit.strict = True
